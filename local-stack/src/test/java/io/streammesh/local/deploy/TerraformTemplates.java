package io.streammesh.local.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-principal files terraform/outputs.tf writes, rendered without Terraform: the lines of its
 * {@code client_env} and {@code client_properties} locals, each {@code ${expression}} replaced by the
 * value given for it (unknown expressions become {@code <expression>}). Tests thereby hold the
 * variable and property names Terraform writes to what the jars read, and the compose rehearsal runs
 * the cloud override with env files of exactly that shape.
 */
final class TerraformTemplates {

    private static final Pattern LINE = Pattern.compile("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\",\\s*$", Pattern.MULTILINE);
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]+)}");

    private TerraformTemplates() {
    }

    /** The KEY=VALUE lines of {@code local.client_env}, in order. */
    static Map<String, String> envFile(String outputsTf, Map<String, String> values) {
        return keyValues(render(outputsTf, "client_env", values));
    }

    /** The name=value lines of {@code local.client_properties}, in order. */
    static Map<String, String> propertiesFile(String outputsTf, Map<String, String> values) {
        return keyValues(render(outputsTf, "client_properties", values));
    }

    /** The file's text as apply writes it (lines joined with newlines). */
    static String render(String outputsTf, String local, Map<String, String> values) {
        int start = outputsTf.indexOf("  " + local + " = {");
        if (start < 0) {
            throw new IllegalArgumentException("outputs.tf has no local " + local);
        }
        int open = outputsTf.indexOf("join(\"\\n\", [", start);
        int close = outputsTf.indexOf("])", open);
        StringBuilder text = new StringBuilder();
        Matcher m = LINE.matcher(outputsTf.substring(open, close));
        boolean first = true;
        while (m.find()) {
            if (!first) {
                text.append('\n');
            }
            first = false;
            String line = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            Matcher i = INTERPOLATION.matcher(line);
            StringBuilder rendered = new StringBuilder();
            while (i.find()) {
                String expression = i.group(1).trim();
                i.appendReplacement(rendered, Matcher.quoteReplacement(values.getOrDefault(expression, "<" + expression + ">")));
            }
            i.appendTail(rendered);
            text.append(rendered);
        }
        return text.toString();
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            result.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return result;
    }
}
