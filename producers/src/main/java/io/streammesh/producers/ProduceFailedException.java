package io.streammesh.producers;

/** Records could not be written to Kafka: the run stops with exit code 1 instead of ending as if they were. */
public final class ProduceFailedException extends RuntimeException {

    public ProduceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
