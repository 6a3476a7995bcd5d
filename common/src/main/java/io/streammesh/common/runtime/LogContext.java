package io.streammesh.common.runtime;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Names the process in its logs: with {@code STREAMMESH_LOG_FORMAT=json} (logback.xml) every line
 * carries these as the fields {@code service} and {@code application.id}, beside {@code thread}.
 * Called once by each process's main; the local demo, which runs many services in one JVM, does not.
 */
public final class LogContext {

    public static final String SERVICE = "service";
    public static final String APPLICATION_ID = "application.id";

    private LogContext() {
    }

    public static void identify(String service, String applicationId) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(SERVICE, service);
            if (applicationId != null) {
                context.putProperty(APPLICATION_ID, applicationId);
            }
        }
    }
}
