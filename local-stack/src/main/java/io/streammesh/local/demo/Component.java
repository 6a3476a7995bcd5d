package io.streammesh.local.demo;

import java.util.function.Supplier;

/**
 * One running part of the demo, as the status line and the page list it: a Kafka Streams service,
 * the Mongo sink or a producer. {@code group} is its consumer group (for lag), {@code deadLetters}
 * its dead-letter topic; both null for producers.
 */
public record Component(String name, Kind kind, String group, String deadLetters, int httpPort, Supplier<String> state) {

    public enum Kind { PRODUCER, SERVICE, SINK }

    public String currentState() {
        try {
            return state.get();
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }
}
