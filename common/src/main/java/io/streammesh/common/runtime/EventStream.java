package io.streammesh.common.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A server-sent event stream to one client, with a bounded buffer: {@link #send} never blocks, and
 * writes go out asynchronously, one batch at a time, as fast as the client reads. A client that falls
 * {@code capacity} events behind is dropped: its buffer is discarded, it gets one final
 * {@code event: dropped} and the stream ends. So one slow reader costs its own buffer, never a thread,
 * never the other clients or the process.
 */
public final class EventStream {

    /** The most bytes one write carries. */
    private static final int BATCH_BYTES = 64 * 1024;

    private final Response response;
    private final Callback done;
    private final int capacity;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final Flusher flusher = new Flusher();
    private byte[] finalEvent;
    private boolean closing;
    private boolean dropped;
    private boolean finished;

    EventStream(Response response, Callback done, int capacity) {
        this.response = response;
        this.done = done;
        this.capacity = capacity;
    }

    /** One event in the SSE wire format: optional id, an event name and one line of data. */
    public static String event(String id, String name, String data) {
        return (id == null ? "" : "id: " + id + "\n") + "event: " + name + "\ndata: " + data + "\n\n";
    }

    /**
     * Queues {@code event} (already in the wire format, see {@link #event}). Returns false when the
     * stream takes no more events: closed, gone, or dropped because the client fell behind.
     */
    public boolean send(String event) {
        return send(event.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #send(String)} of an event already encoded: a change sent to many clients is encoded once. */
    public boolean send(byte[] event) {
        boolean open = queue(event);
        flush();
        return open;
    }

    /**
     * Queues {@code event} without writing yet: a producer of many events queues them all, then
     * {@link #flush}es once, so they go out in one write instead of one each.
     */
    public boolean queue(byte[] event) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            if (queue.size() >= capacity) {
                queue.clear();
                closing = true;
                dropped = true;
                finalEvent = event(null, "dropped", "{\"reason\":\"this client fell " + capacity
                        + " events behind; the server dropped it (reconnect to resume from now)\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                queue.add(event);
            }
            return !closing;
        }
    }

    /** Starts writing what is queued, unless a write is under way (its completion writes the rest). */
    public void flush() {
        flusher.iterate();
    }

    /** A comment line, so proxies and the server's idle timeout see traffic on a quiet stream. */
    public boolean keepAlive() {
        return send(": keep-alive\n\n");
    }

    /** Ends the stream after what is queued, with {@code lastEvent} (may be null). */
    public void close(String lastEvent) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            finalEvent = lastEvent == null ? null : lastEvent.getBytes(StandardCharsets.UTF_8);
        }
        flusher.iterate();
    }

    /** Runs {@code listener} once when the stream ends for any reason (closed, dropped, client gone). */
    public void onClose(Runnable listener) {
        boolean now;
        synchronized (this) {
            now = finished;
            if (!now) {
                closeListeners.add(listener);
            }
        }
        if (now) {
            listener.run();
        }
    }

    public synchronized boolean isClosing() {
        return closing;
    }

    /** Whether the client was dropped for falling behind. */
    public synchronized boolean wasDropped() {
        return dropped;
    }

    void failed(Throwable cause) {
        flusher.abort(cause);
    }

    private void finish() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            closing = true;
            queue.clear();
        }
        closeListeners.forEach(Runnable::run);
    }

    /** Writes queued events one batch at a time; the next batch starts when the previous write completed. */
    private final class Flusher extends IteratingCallback {
        private boolean lastWritten;

        @Override
        protected Action process() {
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
            boolean last;
            synchronized (EventStream.this) {
                if (lastWritten) {
                    return Action.SUCCEEDED;
                }
                while (!queue.isEmpty() && batch.size() < BATCH_BYTES) {
                    batch.writeBytes(queue.poll());
                }
                if (batch.size() == 0 && !closing) {
                    return Action.IDLE;
                }
                last = closing && queue.isEmpty();
                if (last) {
                    if (finalEvent != null) {
                        batch.writeBytes(finalEvent);
                    }
                    lastWritten = true;
                }
            }
            response.write(last, ByteBuffer.wrap(batch.toByteArray()), this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            finish();
            done.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            finish();
            done.failed(cause);
        }
    }
}
