package io.streammesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one run measured (every round), printed as tables and written as JSON. */
record Results(String machine, String mode, int rounds, String order, List<Row> rows, List<Summary> summary) {

    static final String OK = "ok";
    static final String FAILED = "FAILED";

    /**
     * One workload's figures in one round; null where not measured. A FAILED row has no rate: its
     * note says why (inputs deleted, outputs not as expected, did not catch up).
     */
    record Row(String workload, int round, String status, long inputRecords, Double recordsPerSecond, Double ratioToPassThrough,
               Double ratioToPeer, Long outputRecords, Double firstOutputSeconds, Long latencySamples, Double latencyP50Ms,
               Double latencyP99Ms, Double latencyMaxMs, Double peakHeapMb, Double stateStoreMb, Double topologyOnlyRecordsPerSecond,
               String note) {

        Row withRatios(Double toPassThrough, Double toPeer) {
            return new Row(workload, round, status, inputRecords, recordsPerSecond, toPassThrough, toPeer, outputRecords, firstOutputSeconds,
                    latencySamples, latencyP50Ms, latencyP99Ms, latencyMaxMs, peakHeapMb, stateStoreMb, topologyOnlyRecordsPerSecond, note);
        }

        Row withTopology(Double topology) {
            return new Row(workload, round, status, inputRecords, recordsPerSecond, ratioToPassThrough, ratioToPeer, outputRecords,
                    firstOutputSeconds, latencySamples, latencyP50Ms, latencyP99Ms, latencyMaxMs, peakHeapMb, stateStoreMb, topology, note);
        }

        boolean ok() {
            return OK.equals(status);
        }
    }

    /** Medians and min-max over the rounds that passed their checks; ratios are taken within each round first. */
    record Summary(String workload, int passed, int failed, Double medianRecordsPerSecond, Double minRecordsPerSecond,
                   Double maxRecordsPerSecond, Double medianRatioToPassThrough, Double minRatioToPassThrough, Double maxRatioToPassThrough,
                   Double medianRatioToPeer, Double minRatioToPeer, Double maxRatioToPeer) {
    }

    static List<Summary> summarize(List<String> workloads, List<Row> rows) {
        List<Summary> out = new ArrayList<>();
        for (String w : workloads) {
            List<Row> mine = rows.stream().filter(r -> r.workload().equals(w)).toList();
            List<Row> ok = mine.stream().filter(Row::ok).toList();
            double[] rate = ok.stream().filter(r -> r.recordsPerSecond() != null).mapToDouble(Row::recordsPerSecond).sorted().toArray();
            double[] ratio = ok.stream().filter(r -> r.ratioToPassThrough() != null).mapToDouble(Row::ratioToPassThrough).sorted().toArray();
            double[] peer = ok.stream().filter(r -> r.ratioToPeer() != null).mapToDouble(Row::ratioToPeer).sorted().toArray();
            out.add(new Summary(w, ok.size(), mine.size() - ok.size(), median(rate), min(rate), max(rate), median(ratio), min(ratio),
                    max(ratio), median(peer), min(peer), max(peer)));
        }
        return out;
    }

    static Double median(double[] sorted) {
        if (sorted.length == 0) {
            return null;
        }
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static Double min(double[] sorted) {
        return sorted.length == 0 ? null : sorted[0];
    }

    private static Double max(double[] sorted) {
        return sorted.length == 0 ? null : sorted[sorted.length - 1];
    }

    static String table(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-26s %5s %6s %10s %10s %6s %6s %10s %7s %8s %8s %8s %8s %8s %12s  %s",
                "workload", "round", "status", "inputs", "rec/s", "ratio", "/peer", "outputs", "first_s", "p50_ms", "p99_ms", "max_ms",
                "heap_mb", "state_mb", "topo_rec/s", "note"));
        for (Row r : rows) {
            lines.add(line(r));
        }
        return String.join("\n", lines);
    }

    static String line(Row r) {
        return String.format(Locale.ROOT, "%-26s %5d %6s %10d %10s %6s %6s %10s %7s %8s %8s %8s %8s %8s %12s  %s",
                r.workload(), r.round(), r.status(), r.inputRecords(), f(r.recordsPerSecond(), 0), f(r.ratioToPassThrough(), 2),
                f(r.ratioToPeer(), 2), r.outputRecords() == null ? "-" : r.outputRecords().toString(),
                f(r.firstOutputSeconds(), 1), f(r.latencyP50Ms(), 0), f(r.latencyP99Ms(), 0), f(r.latencyMaxMs(), 0),
                f(r.peakHeapMb(), 0), f(r.stateStoreMb(), 1), f(r.topologyOnlyRecordsPerSecond(), 0),
                r.note() == null ? "" : r.note());
    }

    String summaryTable() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-26s %6s %6s %10s %21s %6s %13s %6s %13s",
                "workload", "passed", "failed", "median/s", "min-max rec/s", "ratio", "min-max", "/peer", "min-max"));
        for (Summary s : summary) {
            lines.add(String.format(Locale.ROOT, "%-26s %6d %6d %10s %21s %6s %13s %6s %13s", s.workload(), s.passed(), s.failed(),
                    f(s.medianRecordsPerSecond(), 0), f(s.minRecordsPerSecond(), 0) + "-" + f(s.maxRecordsPerSecond(), 0),
                    f(s.medianRatioToPassThrough(), 2), f(s.minRatioToPassThrough(), 2) + "-" + f(s.maxRatioToPassThrough(), 2),
                    f(s.medianRatioToPeer(), 2), f(s.minRatioToPeer(), 2) + "-" + f(s.maxRatioToPeer(), 2)));
        }
        return String.join("\n", lines);
    }

    static String f(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
