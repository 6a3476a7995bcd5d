package io.streammesh.common.runtime;

import com.sun.net.httpserver.HttpHandler;

/** An HTTP path prefix and its handler, served on the service's HTTP port. */
public record HttpRoute(String path, HttpHandler handler) {
}
