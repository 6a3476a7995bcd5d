package io.streammesh.systemtests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one output held against what it should: records checked, missing, duplicated (an expected
 * record more often than expected), wrong (a record nobody expected, or a key with other content),
 * and a few examples of each so a failure says what went wrong.
 */
record Check(String output, long checked, long missing, long duplicated, long wrong, List<String> examples) {

    boolean exact() {
        return missing == 0 && duplicated == 0 && wrong == 0;
    }

    /** A stream, compared as a multiset of record fingerprints: exactly once, content included. */
    static Check stream(String output, List<String> expected, List<String> actual) {
        Map<String, Integer> want = counts(expected);
        Map<String, Integer> got = counts(actual);
        long missing = 0;
        long duplicated = 0;
        long wrong = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Integer> e : want.entrySet()) {
            int g = got.getOrDefault(e.getKey(), 0);
            if (g < e.getValue()) {
                missing += e.getValue() - g;
                example(examples, "missing " + e.getKey());
            } else if (g > e.getValue()) {
                duplicated += g - e.getValue();
                example(examples, "duplicated x" + (g - e.getValue()) + " " + e.getKey());
            }
        }
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            if (!want.containsKey(e.getKey())) {
                wrong += e.getValue();
                example(examples, "unexpected " + e.getKey());
            }
        }
        return new Check(output, expected.size(), missing, duplicated, wrong, examples);
    }

    /** A table, compared key by key with its expected final state. */
    static Check table(String output, Map<String, String> expected, Map<String, String> actual) {
        long missing = 0;
        long wrong = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String a = actual.get(e.getKey());
            if (a == null) {
                missing++;
                example(examples, "missing " + e.getKey() + " = " + e.getValue());
            } else if (!Objects.equals(a, e.getValue())) {
                wrong++;
                example(examples, "wrong " + e.getKey() + ": expected " + e.getValue() + ", got " + a);
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                wrong++;
                example(examples, "unexpected key " + k + " = " + actual.get(k));
            }
        }
        return new Check(output, expected.size(), missing, 0, wrong, examples);
    }

    static Check combine(String output, List<Check> checks) {
        List<String> examples = new ArrayList<>();
        checks.forEach(c -> c.examples().forEach(x -> example(examples, c.output() + ": " + x)));
        return new Check(output, checks.stream().mapToLong(Check::checked).sum(), checks.stream().mapToLong(Check::missing).sum(),
                checks.stream().mapToLong(Check::duplicated).sum(), checks.stream().mapToLong(Check::wrong).sum(), examples);
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 5) {
            examples.add(text);
        }
    }

    @Override
    public String toString() {
        return output + ": " + checked + " checked, " + missing + " missing, " + duplicated + " duplicated, " + wrong + " wrong"
                + (examples.isEmpty() ? "" : " " + examples);
    }
}
