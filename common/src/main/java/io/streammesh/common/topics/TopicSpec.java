package io.streammesh.common.topics;

/**
 * One topic of the spec. A {@link Kind#TABLE} topic is a changelog: latest record per key wins,
 * a null value deletes the key, and it is created with {@code cleanup.policy=compact}.
 */
public record TopicSpec(String name, Kind kind, String description) {

    public enum Kind {
        STREAM, TABLE;

        public String cleanupPolicy() {
            return this == TABLE ? "compact" : "delete";
        }
    }

    public boolean isTable() {
        return kind == Kind.TABLE;
    }

    @Override
    public String toString() {
        return name;
    }
}
