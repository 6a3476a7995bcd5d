package io.streammesh.local.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of the demo (broker, services, producers, sink) to one file, so the terminal
 * keeps the live status alone.
 */
public final class DemoLogging {

    private DemoLogging() {
    }

    public static void toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another logging backend: leave it as configured
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("demo-file");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("io.streammesh").setLevel(Level.INFO);
        context.getLogger("org.apache.kafka.streams.KafkaStreams").setLevel(Level.INFO);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        context.getLogger("kafka").setLevel(Level.WARN);
        context.getLogger("org.mongodb.driver").setLevel(Level.WARN);
        context.getLogger("de.bwaldvogel").setLevel(Level.WARN);
    }
}
