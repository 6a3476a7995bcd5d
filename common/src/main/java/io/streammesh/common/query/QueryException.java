package io.streammesh.common.query;

import io.streammesh.common.runtime.HttpCall;

/** A query that cannot be answered, with the HTTP status that says why: 400, 404, or 503 (retry soon). */
final class QueryException extends RuntimeException {

    private final int status;

    private QueryException(int status, String message) {
        super(message);
        this.status = status;
    }

    static QueryException badRequest(String message) {
        return new QueryException(400, message);
    }

    static QueryException notFound(String message) {
        return new QueryException(404, message);
    }

    /** Not now: a store migrating, a rebalance, an instance that does not answer. */
    static QueryException unavailable(String message) {
        return new QueryException(503, message);
    }

    int status() {
        return status;
    }

    /** Answers {@code call} with this error; 503s carry {@code Retry-After}. */
    void answer(HttpCall call) {
        if (status == 503) {
            call.unavailable(1, getMessage());
        } else {
            call.error(status, getMessage());
        }
    }

    /** The query error behind {@code e} (unwrapping futures), or a 503 saying what failed. */
    static QueryException of(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof QueryException q ? q : unavailable(io.streammesh.common.runtime.DeadLetters.describe(t));
    }
}
