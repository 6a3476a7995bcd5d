package io.streammesh.common.query;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.EventStream;
import io.streammesh.common.runtime.HttpCall;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /v1/streams/{topic}/changes}: the records of a topic of the registry as they are
 * written, as server-sent events, like ksqlDB's {@code SELECT * FROM t EMIT CHANGES}. The stream
 * opens with {@code event: subscribed} (the partitions' next offsets: every record after them
 * follows), then one {@code event: change} per record, in partition order (so in order per key), a
 * comment every {@value #KEEP_ALIVE_SECONDS} s when quiet. A client more than {@code buffer} events
 * behind gets {@code event: dropped} and is disconnected; nobody else notices.
 *
 * <p>{@code ?from=beginning} replays the topic from its first record, then follows it; each such
 * client has a consumer of its own, at most {@value #MAX_REPLAYS} at a time.
 */
public final class StreamChanges implements AutoCloseable {

    static final String PATH = "/v1/streams";
    static final long KEEP_ALIVE_SECONDS = 10;
    static final int MAX_REPLAYS = 4;

    private final ServiceConfig config;
    private final int buffer;
    private final ChangeFeed live;
    private final Semaphore replays = new Semaphore(MAX_REPLAYS);
    private final AtomicInteger replayIds = new AtomicInteger();
    private final ScheduledExecutorService timer;

    /** Follows topics of {@code config}'s cluster through the process's shared feed; {@code buffer} events per client. */
    public StreamChanges(ServiceConfig config, int buffer) {
        this.config = config;
        this.buffer = buffer;
        this.live = ChangeFeed.shared(config);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streammesh-sse-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    public HttpRoute route() {
        return new HttpRoute(PATH, this::handle);
    }

    private void handle(HttpCall call) {
        String rest = call.path().substring(PATH.length());
        if (!rest.startsWith("/") || !rest.endsWith("/changes") || rest.length() <= "/changes".length() + 1) {
            call.error(404, "no such path: use " + PATH + "/{topic}/changes");
            return;
        }
        String name = rest.substring(1, rest.length() - "/changes".length());
        Topic<?> topic = Topics.find(name).orElse(null);
        if (topic == null) {
            call.error(404, "no topic '" + name + "' in the registry");
            return;
        }
        String from = call.param("from").orElse("now");
        if (!from.equals("now") && !from.equals("beginning")) {
            call.error(400, "from must be 'now' or 'beginning', not '" + from + "'");
            return;
        }
        ChangeFeed feed;
        if (from.equals("beginning")) {
            if (!replays.tryAcquire()) {
                call.unavailable(5, MAX_REPLAYS + " clients already replay from the beginning here; retry, or follow from now");
                return;
            }
            feed = ChangeFeed.fromBeginning(config, "streammesh-replay-" + replayIds.incrementAndGet());
        } else {
            feed = live;
        }
        EventStream stream = call.eventStream(buffer);
        ChangeFeed.Listener listener = new ChangeFeed.Listener() {
            @Override
            public void ready(Map<Integer, Long> positions) {
                stream.send(EventStream.event(null, "subscribed", Json.write(Map.of("topic", topic.name(),
                        "kind", topic.kind().name().toLowerCase(), "from", from, "positions", positions))));
            }

            @Override
            public boolean accept(ChangeFeed.Change change) {
                return stream.queue(change.event());
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void failed(String reason) {
                stream.close(EventStream.event(null, "error", Json.write(Map.of("error", reason))));
            }
        };
        ScheduledFuture<?> keepAlive = timer.scheduleAtFixedRate(stream::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        stream.onClose(() -> {
            keepAlive.cancel(false);
            feed.unsubscribe(topic.name(), listener);
            if (feed != live) {
                feed.close();
                replays.release();
            }
        });
        feed.subscribe(topic.name(), listener);
    }

    /** The live feed (tests look at its listeners). */
    ChangeFeed live() {
        return live;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        live.close();
    }
}
