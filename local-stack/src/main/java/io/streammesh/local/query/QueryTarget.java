package io.streammesh.local.query;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where {@code query} and {@code tail} send their requests: the demo page, or any instance of a service. */
public final class QueryTarget {

    /** The demo page's port: it forwards each table to the service that serves it. */
    public static final String DEFAULT_URL = "http://localhost:8080";

    @Option(names = {"-u", "--url"}, paramLabel = "URL", defaultValue = "${env:STREAMMESH_URL:-" + DEFAULT_URL + "}",
            description = "The demo page or any instance of a service (default ${DEFAULT-VALUE}; env STREAMMESH_URL)")
    String url;

    public QueryClient client() {
        return new QueryClient(URI.create(url));
    }
}
