package io.streammesh.common.runtime;

/**
 * An HTTP path prefix and its handler, served on the process's HTTP port. A route runs on the
 * bounded query pool unless {@code inline} (only for answers that take no time and must always
 * come: health and metrics).
 */
public record HttpRoute(String path, Handler handler, boolean inline) {

    /** Answers a call, now or later (see {@link HttpCall}). */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpCall call) throws Exception;
    }

    public HttpRoute(String path, Handler handler) {
        this(path, handler, false);
    }

    /** Whether {@code path} is this route's path or below it ({@code /trucks} serves {@code /trucks/7}, not {@code /truckstop}). */
    boolean matches(String requestPath) {
        return path.equals("/") || requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
    }
}
