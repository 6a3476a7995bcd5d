package io.streammesh.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/** The output checks the workloads use: exact counts for streams, exact keys (and their last value) for tables. */
final class Checks {

    private Checks() {
    }

    /** A stream output: exactly {@code expected} records. */
    static Workload.OutputCheck count(long expected) {
        return new Workload.OutputCheck() {
            long n;

            @Override
            public boolean needsValues() {
                return false;
            }

            @Override
            public void accept(String key, String value) {
                n++;
            }

            @Override
            public String failure() {
                return n == expected ? null : "outputs: " + n + " records, expected " + expected;
            }
        };
    }

    /** A stream output: exactly {@code expected} records, of which exactly {@code matching} contain {@code text}. */
    static Workload.OutputCheck countContaining(long expected, String text, long matching) {
        return new Workload.OutputCheck() {
            long n;
            long m;

            @Override
            public void accept(String key, String value) {
                n++;
                if (value != null && value.contains(text)) {
                    m++;
                }
            }

            @Override
            public String failure() {
                if (n != expected) {
                    return "outputs: " + n + " records, expected " + expected;
                }
                return m == matching ? null : "outputs: " + m + " records with " + text + ", expected " + matching;
            }
        };
    }

    /**
     * A table output written through a record cache (how many updates reach the topic depends on
     * commit timing): exactly {@code keys} distinct keys, and each key's last value passes {@code last}.
     */
    static Workload.OutputCheck table(long keys, BiPredicate<String, String> last, String lastRule) {
        return new Workload.OutputCheck() {
            final Map<String, String> latest = new HashMap<>();

            @Override
            public void accept(String key, String value) {
                latest.put(key, value);
            }

            @Override
            public String failure() {
                if (latest.size() != keys) {
                    return "outputs: " + latest.size() + " keys, expected " + keys;
                }
                long bad = latest.entrySet().stream().filter(e -> e.getValue() == null || !last.test(e.getKey(), e.getValue())).count();
                return bad == 0 ? null : "outputs: " + bad + " keys whose last value breaks the rule: " + lastRule;
            }
        };
    }

    private static final Map<String, Long> FIRST = new ConcurrentHashMap<>();

    /**
     * A table-like output whose update count is not known in closed form and depends on how its
     * inputs interleave across partitions (inventory-redistribution's pairings go through a
     * repartition topic): at least one record, and the final table (each key's last value, deletes
     * removed) the same in every run of the same input as in the first, compared by digest.
     */
    static Workload.OutputCheck sameFinalTable(String name) {
        return new Workload.OutputCheck() {
            final Map<String, Integer> last = new HashMap<>();
            long n;

            @Override
            public void accept(String key, String value) {
                n++;
                if (value == null) {
                    last.remove(key);
                } else {
                    last.put(key, value.hashCode());
                }
            }

            @Override
            public String failure() {
                if (n == 0) {
                    return "outputs: none";
                }
                long digest = 0;
                for (Map.Entry<String, Integer> e : last.entrySet()) {
                    digest += (long) e.getKey().hashCode() * 31 + e.getValue() * 1_000_003L;
                }
                long mine = digest;
                long first = FIRST.computeIfAbsent(name, k -> mine);
                return first == mine ? null : "outputs: final table of " + last.size() + " keys differs from the first run of the same input";
            }
        };
    }
}
