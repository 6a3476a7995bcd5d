package io.streammesh.producers.gbfs;

/** A GBFS document that does not have the shape of its feed (not JSON, no {@code data}, no stations list ...). */
public final class GbfsFormatException extends RuntimeException {
    public GbfsFormatException(String message) {
        super(message);
    }
}
