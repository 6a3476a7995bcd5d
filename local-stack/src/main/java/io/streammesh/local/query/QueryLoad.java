package io.streammesh.local.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded loopback load on the query API of running instances: key lookups of one table at a
 * fixed rate (open loop: a slow answer does not slow the next request, so latency is not hidden),
 * spread round-robin over the instances, and SSE subscribers following one topic, each reading
 * everything it is sent. The bench runs it beside a service under load; {@link QueryLoadCheck} runs
 * it on its own.
 */
public final class QueryLoad {

    /** What to send: {@code lookupsPerSecond} key lookups of {@code table}, {@code subscribers} followers of {@code topic}. */
    public record Load(String table, int lookupsPerSecond, String topic, int subscribers) {
    }

    /**
     * What came back. Latencies in milliseconds over the answered lookups (200 or 404); {@code errors}
     * counts every other answer or failure; {@code events} the change events the subscribers got,
     * {@code dropped} the subscribers the server dropped for falling behind.
     */
    public record Figures(long lookups, long errors, double p50Millis, double p99Millis, double maxMillis,
                          int subscribers, long events, long dropped, Duration duration) {

        public double lookupsPerSecond() {
            return lookups / Math.max(0.001, duration.toMillis() / 1000.0);
        }

        @Override
        public String toString() {
            return String.format("%d lookups (%.0f/s), %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d subscribers got %d events,"
                    + " %d dropped", lookups, lookupsPerSecond(), errors, p50Millis, p99Millis, maxMillis, subscribers, events, dropped);
        }
    }

    private QueryLoad() {
    }

    /**
     * Runs {@code load} against {@code instances} (base URLs, e.g. {@code http://localhost:8084}) for
     * {@code duration}, and returns the figures. The keys looked up are the table's first thousand,
     * read once before the clock starts.
     */
    public static Figures run(List<URI> instances, Duration duration, Load load) throws InterruptedException {
        List<String> keys = new QueryClient(instances.get(0)).scanAll(load.table(), 1000).stream().map(QueryClient.Row::key).toList();
        if (keys.isEmpty()) {
            throw new IllegalStateException(load.table() + " has no rows to look up yet");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // the subscribers have a client of their own, as they would in real life: their traffic does not queue the lookups
        HttpClient streams = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < load.subscribers(); i++) {
            followers.add(new Follower(streams, URI.create(instances.get(i % instances.size()) + "/v1/streams/"
                    + QueryClient.encode(load.topic()) + "/changes")));
        }
        int capacity = (int) Math.max(16, (long) load.lookupsPerSecond() * Math.max(1, duration.toSeconds() + 5));
        AtomicLongArray latencies = new AtomicLongArray(capacity);
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<CompletableFuture<?>> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
        Random random = new Random(7);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "query-load");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / Math.max(1, load.lookupsPerSecond());
        ScheduledFuture<?> ticks = load.lookupsPerSecond() <= 0 ? null : timer.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            URI uri = URI.create(instances.get((int) (n % instances.size())) + "/v1/tables/" + QueryClient.encode(load.table())
                    + "/" + QueryClient.encode(keys.get(random.nextInt(keys.size()))));
            long t0 = System.nanoTime();
            CompletableFuture<?> call = http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                        if (error == null && (response.statusCode() == 200 || response.statusCode() == 404)) {
                            long i = answered.getAndIncrement();
                            if (i < capacity) {
                                latencies.set((int) i, System.nanoTime() - t0);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    });
            inFlight.add(call);
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(duration.toMillis());
        if (ticks != null) {
            ticks.cancel(false);
        }
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        synchronized (inFlight) {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
        followers.forEach(Follower::cancel);
        int n = (int) Math.min(answered.get(), capacity);
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        return new Figures(answered.get(), errors.get(), millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(n == 0 ? 0 : sorted[n - 1]), followers.size(), followers.stream().mapToLong(f -> f.events.get()).sum(),
                followers.stream().filter(f -> f.dropped).count(), took);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * One SSE subscriber, counting events as their bytes arrive, without a thread of its own and
     * without decoding what it counts: a change is {@code \nevent: change}, a drop {@code \nevent: dropped}.
     */
    private static final class Follower implements Flow.Subscriber<List<java.nio.ByteBuffer>> {
        private static final byte[] EVENT = "\nevent: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final AtomicLong events = new AtomicLong();
        volatile boolean dropped;
        private volatile Flow.Subscription subscription;
        private int matched;

        Follower(HttpClient http, URI uri) {
            http.sendAsync(HttpRequest.newBuilder(uri).GET().build(), info -> HttpResponse.BodySubscribers.fromSubscriber(this));
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (matched == EVENT.length) {
                        if (b == 'c') {
                            events.incrementAndGet();
                        } else if (b == 'd') {
                            dropped = true;
                        }
                        matched = 0;
                    }
                    matched = b == EVENT[matched] ? matched + 1 : b == '\n' ? 1 : 0;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // cancelled at the end, or the server went away: the counts stand
        }

        @Override
        public void onComplete() {
            // the server ended the stream
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
