package io.streammesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one run measured, printed as a table and written as JSON. */
record Results(String machine, String mode, long passThroughRecordsPerSecond, List<Row> rows) {

    /** One workload's figures; null where not measured. */
    record Row(String workload, long inputRecords, Double recordsPerSecond, Double ratioToPassThrough, Long outputRecords,
               Double firstOutputSeconds, Long latencySamples, Double latencyP50Ms, Double latencyP99Ms, Double latencyMaxMs,
               Double peakHeapMb, Double stateStoreMb, Double topologyOnlyRecordsPerSecond, String note) {
    }

    String table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-26s %10s %10s %6s %10s %7s %8s %8s %8s %8s %8s %12s  %s",
                "workload", "inputs", "rec/s", "ratio", "outputs", "first_s", "p50_ms", "p99_ms", "max_ms", "heap_mb", "state_mb",
                "topo_rec/s", "note"));
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "%-26s %10d %10s %6s %10s %7s %8s %8s %8s %8s %8s %12s  %s",
                    r.workload(), r.inputRecords(), f(r.recordsPerSecond(), 0), f(r.ratioToPassThrough(), 2),
                    r.outputRecords() == null ? "-" : r.outputRecords().toString(),
                    f(r.firstOutputSeconds(), 1), f(r.latencyP50Ms(), 0), f(r.latencyP99Ms(), 0), f(r.latencyMaxMs(), 0),
                    f(r.peakHeapMb(), 0), f(r.stateStoreMb(), 1), f(r.topologyOnlyRecordsPerSecond(), 0),
                    r.note() == null ? "" : r.note()));
        }
        return String.join("\n", lines);
    }

    private static String f(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
