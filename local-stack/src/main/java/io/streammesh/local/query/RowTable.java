package io.streammesh.local.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows as a text table for a terminal: the key, then every field of the values in the order the
 * records write them (nested values as compact JSON), each column as wide as its widest cell up to
 * {@value #MAX_WIDTH} characters.
 */
public final class RowTable {

    static final int MAX_WIDTH = 40;

    private RowTable() {
    }

    public static String render(List<QueryClient.Row> rows) {
        Set<String> fields = new LinkedHashSet<>();
        for (QueryClient.Row row : rows) {
            row.value().fieldNames().forEachRemaining(fields::add);
        }
        List<String> header = new ArrayList<>();
        header.add("KEY");
        fields.forEach(f -> header.add(f.toUpperCase()));
        List<List<String>> cells = new ArrayList<>();
        for (QueryClient.Row row : rows) {
            List<String> line = new ArrayList<>();
            line.add(row.key());
            for (String f : fields) {
                line.add(cell(row.value().get(f)));
            }
            cells.add(line);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH, line.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        for (List<String> line : cells) {
            line(out, line, widths);
        }
        return out.toString();
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (c.length() > widths[i]) {
                c = c.substring(0, widths[i] - 1) + "…";
            }
            out.append(i == 0 ? "" : "  ").append(i == cells.size() - 1 ? c : String.format("%-" + widths[i] + "s", c));
        }
        out.append('\n');
    }
}
