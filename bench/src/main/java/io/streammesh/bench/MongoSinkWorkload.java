package io.streammesh.bench;

import java.util.Optional;

/** The mongo-sink workload; wired in once the sink's programmatic API is settled. */
final class MongoSinkWorkload {

    private MongoSinkWorkload() {
    }

    static Optional<Workload> create() {
        return Optional.empty();
    }
}
