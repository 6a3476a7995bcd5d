package io.streammesh.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing to measure: what to pre-load (tables first, then the measured stream), how to start the
 * service on the broker, which topic carries its results for the latency run, and the same input
 * for the topology-only figure.
 */
abstract class Workload {

    /** A record to produce. */
    record Input(String topic, String key, String value) {
    }

    /** A started service. */
    interface Running extends AutoCloseable {
        /** The consumer group whose committed offsets on the measured topics show progress. */
        String groupId();

        /** Checks outside the topics (the sink's documents); null when fine, else the reason. */
        default String verify() {
            return null;
        }

        @Override
        void close();
    }

    final String name;
    /** The scale of the run being started (set by the bench before {@link #start}). */
    int scale = 10;

    Workload(String name) {
        this.name = name;
    }

    /** Every topic the run needs, with whether it is compacted. */
    abstract List<TopicDef> topics();

    record TopicDef(String name, boolean compacted) {
    }

    /** Records that must be in place before the measured stream (reference tables); not measured. */
    List<Input> tables(int scale, SampleRecords records) {
        return List.of();
    }

    /**
     * Whether the measured input topic is also another workload's output (stations.enriched,
     * job_status): then it is emptied (deleteRecords) and loaded afresh before each run, so every run
     * reads exactly its own input.
     */
    boolean freshInput() {
        return false;
    }

    /** The service this workload is the hand-written peer of; null for a service. */
    String peerOf() {
        return null;
    }

    /**
     * What the run's records on {@link #checkTopic()} must be; null when the workload has no such
     * check (the sink checks its documents in {@link Running#verify()}).
     */
    OutputCheck check(int scale) {
        return null;
    }

    /** The topic whose records {@link #check} reads: the workload's main output. */
    String checkTopic() {
        return latencyTopic();
    }

    /** Reads every output record of one run (read_committed) and says what is wrong, if anything. */
    interface OutputCheck {
        /** Whether the check needs values (else only keys and the count, cheaper). */
        default boolean needsValues() {
            return true;
        }

        void accept(String key, String value);

        /** Null when the outputs are as expected, else the reason. */
        String failure();
    }

    /** The measured input, in produce order. */
    abstract Iterable<Input> measured(int scale, SampleRecords records);

    /** Topics of the measured input (progress is the group's committed offsets on these). */
    abstract List<String> measuredTopics();

    /** How many measured records {@link #measured} yields. */
    abstract long measuredCount(int scale);

    abstract Running start(String bootstrapServers, Path stateDir, String applicationId) throws Exception;

    /** The topic whose records' arrival the latency run times; null if the service writes no topic. */
    abstract String latencyTopic();

    /** One input event for the latency run (may be several records, e.g. a job and its order). */
    abstract List<Input> latencyEvent(long seq, SampleRecords records);

    /** Topics the workload writes (their offsets grow by the records written plus transaction markers). */
    List<String> outputTopics() {
        io.streammesh.common.runtime.StreamService service = topology();
        return service == null ? List.of()
                : List.copyOf(io.streammesh.common.runtime.TopologyTopics.of(
                        service.build(io.streammesh.common.config.ServiceConfig.empty())).outputs());
    }

    /** The service, for the topology-only figure; null when there is no topology (the sink). */
    abstract io.streammesh.common.runtime.StreamService topology();

    /** A lazily generated sequence of n inputs. */
    static Iterable<Input> generate(long n, java.util.function.LongFunction<Input> f) {
        return () -> new java.util.Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Input next() {
                return f.apply(i++);
            }
        };
    }
}
