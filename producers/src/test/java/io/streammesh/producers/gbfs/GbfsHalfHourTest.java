package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.producers.RecordSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Half an hour of a 2,000-station GBFS 3.0 system with ttl 10 s on every file, played in simulated
 * time, read change-only and then publishing every fetch, with every quirk of the issue on the way:
 * a 429 with Retry-After at 5:00, a burst of 500s from 10:00 to 10:30, a truncated station_information
 * at 12:00, a duplicate station from 15:00 to 17:00, 40 stations in 2.3 names throughout, a
 * last_reported of -1 and one of next year from 20:00 to 25:00, a station that leaves both files from
 * 22:00 to 26:00, and a status of a station station_information never lists. The figures it prints
 * are the ones the producers' README gives.
 */
class GbfsHalfHourTest {

    static final Instant START = Instant.parse("2025-07-02T06:00:00Z");
    static final int STATIONS = 2000;
    static final long RUN = 30 * 60;
    static final int TTL = 10;

    /**
     * The system: every station reports every 5 minutes (staggered), and bikes are taken or returned
     * about 4 times an hour per station, each reported when it happens. State moves in 10-second steps,
     * the publisher's refresh, from a seed: the same whatever the requests.
     */
    static final class BikeShare {
        final int[] bikes = new int[STATIONS];
        final int[] capacity = new int[STATIONS];
        final long[] lastReported = new long[STATIONS];
        long step = -1;

        BikeShare() {
            for (int i = 0; i < STATIONS; i++) {
                capacity[i] = 15 + i % 4 * 5;
                bikes[i] = capacity[i] / 2 + i % 5 - 2;
                lastReported[i] = START.getEpochSecond() - 300 + i % 30 * 10;
            }
        }

        synchronized void advanceTo(long second) {
            for (long k = step + 1; k <= second / TTL; k++) {
                Random random = new Random(7919L * k + 17);
                long at = START.getEpochSecond() + k * TTL;
                for (int i = 0; i < STATIONS; i++) {
                    boolean trip = random.nextDouble() < 4.0 / 360;
                    if (trip) {
                        boolean take = random.nextBoolean() ? bikes[i] > 0 : bikes[i] == capacity[i];
                        bikes[i] += take ? -1 : 1;
                    }
                    if (trip || (k + i) % 30 == 0) {
                        lastReported[i] = at;
                    }
                }
                step = k;
            }
        }
    }

    static final String[] IDS = java.util.stream.IntStream.range(0, STATIONS)
            .mapToObj(i -> String.format(Locale.ROOT, "S%04d", i + 1)).toArray(String[]::new);

    static String id(int i) {
        return IDS[i];
    }

    static boolean gone(int i, long second) {
        return i == 12 && second >= 1320 && second < 1560;
    }

    static void serve(SimulatedPublisher publisher, BikeShare system) {
        publisher.version("3.0").discoveryTtl(TTL);
        Map<Boolean, JsonNode> information = new java.util.concurrent.ConcurrentHashMap<>();
        publisher.serve("station_information", now -> {
            long second = now.getEpochSecond() - START.getEpochSecond();
            // the same document until S0013 leaves or comes back
            return information.computeIfAbsent(gone(12, second), g -> information(publisher, system, second));
        });
        publisher.serve("station_status", now -> {
            long second = now.getEpochSecond() - START.getEpochSecond();
            system.advanceTo(second);
            ObjectNode data = Json.MAPPER.createObjectNode();
            ArrayNode stations = data.putArray("stations");
            for (int i = 0; i < STATIONS; i++) {
                if (gone(i, second)) {
                    continue;
                }
                long reported = system.lastReported[i];
                if (second >= 1200 && second < 1500 && i == 10) {
                    reported = -1;
                } else if (second >= 1200 && second < 1500 && i == 11) {
                    reported = START.getEpochSecond() + 365 * 86_400L;
                }
                stations.add(status(id(i), system.bikes[i], system.capacity[i] - system.bikes[i], reported, i % 50 == 0));
                if (i == 6 && second >= 900 && second < 1020) {
                    stations.add(status(id(i), system.bikes[i] + 1, system.capacity[i] - system.bikes[i] - 1, reported, false));
                }
            }
            stations.add(status("S9999", 3, 7, START.getEpochSecond(), false));
            return publisher.document(TTL, START.plusSeconds(second / TTL * TTL), data);
        });
        publisher.fault("station_status", 300, 301, SimulatedPublisher.Answer.tooManyRequests(60))
                .fault("station_status", 600, 630, SimulatedPublisher.Answer.status(500, "Internal Server Error"))
                .fault("station_information", 720, 721, SimulatedPublisher::truncated);
    }

    static JsonNode information(SimulatedPublisher publisher, BikeShare system, long second) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode stations = data.putArray("stations");
        for (int i = 0; i < STATIONS; i++) {
            if (!gone(i, second)) {
                ObjectNode station = stations.addObject().put("station_id", id(i));
                station.putArray("name").addObject().put("text", "Station " + (i + 1)).put("language", "en");
                station.put("lat", 40.7 + i / 10_000.0).put("lon", -74.0 + i % 97 / 1000.0).put("capacity", system.capacity[i]);
            }
        }
        return publisher.document(TTL, START, data);
    }

    static JsonNode status(String id, int bikes, int docks, long lastReported, boolean v23Names) {
        ObjectNode s = Json.MAPPER.createObjectNode().put("station_id", id);
        if (v23Names) {
            s.put("num_bikes_available", bikes).put("num_docks_available", docks).put("last_reported", lastReported);
        } else {
            s.put("num_vehicles_available", bikes).put("num_docks_available", docks)
                    .put("last_reported", lastReported < 0 ? "1969-12-31T23:59:59Z" : Instant.ofEpochSecond(lastReported).toString());
        }
        return s.put("is_installed", true).put("is_renting", true).put("is_returning", true);
    }

    /** Counts what was published, per topic and per station, without keeping 360,000 JSON values. */
    static final class CountingSink implements RecordSink {
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, Long> perStation = new TreeMap<>();
        /** What was published for the stations the quirks touch, as "m:ss bikes@last_reported". */
        final Map<String, List<String>> watched = new TreeMap<>();

        @Override
        public <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp) {
            counts.merge(topic.name(), 1L, Long::sum);
            if (topic.name().equals("stations.status")) {
                perStation.merge(key, 1L, Long::sum);
                if (List.of("S0007", "S0011", "S0012", "S0013", "S9999").contains(key)) {
                    io.streammesh.contracts.bikeshare.StationStatus st = (io.streammesh.contracts.bikeshare.StationStatus) value;
                    long second = (timestamp - START.toEpochMilli()) / 1000;
                    Long reported = st.lastReported();
                    watched.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(String.format(Locale.ROOT, "%d:%02d %d@%s",
                            second / 60, second % 60, st.numBikesAvailable(),
                            reported == null ? "null" : (reported - START.getEpochSecond()) / 60 + "m"));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public Map<String, Long> counts() {
            return counts;
        }

        @Override
        public void close() {
        }
    }

    record Run(CountingSink sink, SimulatedPublisher publisher, Map<String, FeedHealth> health) {
        long requests(String file, int status) {
            return publisher.requests(file).stream().filter(r -> r.status() == status).count();
        }
    }

    static Run run(boolean everyFetch) {
        SimulatedTime time = new SimulatedTime(START, Duration.ofSeconds(RUN));
        CountingSink sink = new CountingSink();
        try (SimulatedPublisher publisher = new SimulatedPublisher(time)) {
            serve(publisher, new BikeShare());
            GbfsSource source = new GbfsSource(new GbfsSource.Settings(URI.create(publisher.url()), "en", RefreshPolicy.CONTRACT, 3,
                    Duration.ofSeconds(10), everyFetch), sink, time);
            source.run(time);
            Map<String, FeedHealth> health = new LinkedHashMap<>();
            source.monitor().health().forEach(h -> health.put(h.feed(), h));
            System.out.println((everyFetch ? "every fetch: " : "change-only: ") + sink.counts() + "; " + source.monitor().summary());
            return new Run(sink, publisher, health);
        }
    }

    @Test
    void halfAnHourOfA2000StationFeedWithTtl10s() {
        Run changeOnly = run(false);
        Run everyFetch = run(true);

        for (Run run : List.of(changeOnly, everyFetch)) {
            // station_status: every 10 s, except 5:00 (429, Retry-After 60 s: next at 6:00) and the 500s from 10:00
            // (retried at 10:05, 10:15, then 10:35 and on from there)
            assertThat(run.publisher().requestSeconds("station_status")).startsWith(0L, 10L).contains(290L, 300L, 360L, 590L, 600L,
                    605L, 615L, 635L, 645L, 1785L).doesNotContain(310L, 350L, 625L, 640L);
            assertThat(run.requests("station_status", 429)).isOne();
            assertThat(run.requests("station_status", 500)).isEqualTo(3);
            assertThat(run.requests("station_status", 200)).isEqualTo(180 - 6 - 4 + 1);
            // station_information: 304 but when it changed (S0013 leaving at 22:00, back at 26:00); the truncated answer
            // at 12:00 is retried at 12:05 with the validators of the last good document, which still match: 304
            assertThat(run.requests("station_information", 200)).as("0:00, the truncated one, 22:05, 26:05").isEqualTo(4);
            assertThat(run.requests("station_information", 304)).isEqualTo(177);
            assertThat(run.publisher().requests("station_information")).extracting(r -> r.second() + ":" + r.status())
                    .contains("720:200", "725:304", "735:304", "1325:200", "1565:200");
            assertThat(run.requests("gbfs", 200)).isOne();
            assertThat(run.requests("gbfs", 304)).isEqualTo(179);

            FeedHealth status = run.health().get("station_status");
            assertThat(status.requests()).isEqualTo(175);
            assertThat(status.errors()).isEqualTo(4);
            assertThat(status.duplicates()).as("15:00-17:00 is 12 fetches").isEqualTo(12);
            assertThat(status.otherVersionNames()).as("40 stations x 171 documents").isEqualTo(40 * 171);
            assertThat(status.implausible()).as("2 stations x 30 fetches").isEqualTo(60);
            assertThat(status.unknownStations()).as("S9999 in every document read").isEqualTo(171);
            FeedHealth info = run.health().get("station_information");
            assertThat(info.errors()).isOne();
            assertThat(run.sink().counts()).containsEntry("stations.info", 2000L + 1999 + 2000);
        }
        // every document read: 2,000 stations and S9999, less S0013 in the 24 documents without it (S0007's copy is one)
        assertThat(everyFetch.sink().counts().get("stations.status")).isEqualTo(171L * 2001 - 24);
        FeedHealth changeOnlyStatus = changeOnly.health().get("station_status");
        assertThat(changeOnlyStatus.published() + changeOnlyStatus.unchanged()).isEqualTo(171L * 2001 - 24);
        assertThat(changeOnly.sink().counts().get("stations.status")).isLessThan(everyFetch.sink().counts().get("stations.status") / 10);
        assertThat(changeOnly.sink().perStation).containsEntry("S9999", 1L);
        System.out.printf(Locale.ROOT, "stations.status change-only %d, every fetch %d%n", changeOnly.sink().counts().get("stations.status"),
                everyFetch.sink().counts().get("stations.status"));
        changeOnly.sink().watched.forEach((station, published) -> System.out.println("change-only " + station + ": " + published));
    }
}
