package io.streammesh.local;

import io.streammesh.contracts.Json;
import io.streammesh.local.query.QueryClient;
import io.streammesh.local.query.QueryClient.QueryFailure;
import io.streammesh.local.query.QueryClient.Row;
import io.streammesh.local.query.QueryTarget;
import io.streammesh.local.query.RowTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./streammesh query <table> [KEY]}: a pull query, like ksqlDB's {@code SELECT * FROM t [WHERE key = ...]}. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a table data product from a running suite (the demo page) or any instance of the service that serves it:"
                + " one key's current value, or the rows in key order.",
                "Exit codes: 0 rows printed, 1 no such key, 2 bad arguments or unknown table, 3 not available now (retry) or unreachable."})
public final class QueryCommand implements Callable<Integer> {

    static final int DEFAULT_LIMIT = 100;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "A table data product, e.g. truck_tracker, inventory.redistribution")
    String table;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "One key; without it, the rows in key order")
    String key;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT, description = "At most N rows (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "One JSON object per line ({\"key\":...,\"value\":{...}}), for scripts")
    boolean json;

    @Mixin
    QueryTarget target = new QueryTarget();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1) {
            err.println("query: --limit must be at least 1");
            return 2;
        }
        QueryClient client = target.client();
        try {
            List<Row> rows = new ArrayList<>();
            boolean more = false;
            if (key != null) {
                var value = client.get(table, key);
                if (value.isEmpty()) {
                    err.println("query: " + table + " has no key '" + key + "'");
                    return 1;
                }
                rows.add(new Row(key, value.get()));
            } else {
                String cursor = null;
                do {
                    QueryClient.Page page = client.scan(table, Math.min(1000, limit - rows.size()), cursor, null, null);
                    rows.addAll(page.rows());
                    cursor = page.nextCursor();
                } while (cursor != null && rows.size() < limit);
                more = cursor != null;
            }
            if (json) {
                rows.forEach(r -> out.println(Json.write(Map.of("key", r.key(), "value", r.value()))));
            } else {
                out.print(RowTable.render(rows));
                out.println("(" + rows.size() + (rows.size() == 1 ? " row" : " rows") + (more ? "; more with --limit" : "") + ")");
            }
            out.flush();
            return 0;
        } catch (QueryFailure e) {
            err.println("query: " + e.getMessage());
            return e.status() == 400 || e.status() == 404 ? 2 : 3;
        }
    }
}
