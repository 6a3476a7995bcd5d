package io.streammesh.producers.marketplace;

import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Tradies' trucks driving to their jobs around Sydney: each truck gets a job (a {@code joblocation}
 * row), starts 2 to 13 km away and drives straight to it, one step per tick, reporting
 * {@code EN_ROUTE} and finally {@code ARRIVED} exactly at the destination, so the tracker's distance
 * and ETA fall to zero. Deterministic for a seed.
 */
public final class TruckFleet {

    static final double CENTER_LAT = -33.8688;
    static final double CENTER_LONG = 151.2093;

    /**
     * @param seed       random seed
     * @param trucks     how many trucks (one job each per round)
     * @param firstJobId job ids count up from here
     * @param tripTicks  a trip takes between a quarter of this and this many ticks
     */
    public record Settings(long seed, int trucks, long firstJobId, int tripTicks) {
        public Settings {
            if (trucks < 1) {
                throw new IllegalArgumentException("--trucks must be at least 1, got " + trucks);
            }
            if (tripTicks < 1) {
                throw new IllegalArgumentException("--trip-ticks must be at least 1, got " + tripTicks);
            }
        }
    }

    /** One truck position to publish, keyed by the truck id (the record key, not a field of the value). */
    public record Move(String truckId, TruckLocation position) {
    }

    private static final class Trip {
        final String truckId;
        final JobLocation job;
        final double startLat;
        final double startLong;
        final int ticks;
        int step;

        Trip(String truckId, JobLocation job, double startLat, double startLong, int ticks) {
            this.truckId = truckId;
            this.job = job;
            this.startLat = startLat;
            this.startLong = startLong;
            this.ticks = ticks;
        }

        boolean arrived() {
            return step > ticks;
        }
    }

    private final Settings settings;
    private final Random random;
    private final Faker faker;
    private final List<Trip> trips = new ArrayList<>();
    private long nextJobId;

    public TruckFleet(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.faker = new Faker(Locale.forLanguageTag("en-AU"), random);
        this.nextJobId = settings.firstJobId();
    }

    /** Gives every truck a new job reported at {@code time}; returns the jobs' locations (key = id). */
    public List<JobLocation> dispatch(long time) {
        trips.clear();
        for (int i = 1; i <= settings.trucks(); i++) {
            String jobId = Long.toString(nextJobId++);
            double destLat = round6(CENTER_LAT + (random.nextDouble() - 0.5) * 0.4);
            double destLong = round6(CENTER_LONG + (random.nextDouble() - 0.5) * 0.5);
            double bearing = random.nextDouble() * 2 * Math.PI;
            double away = 0.02 + random.nextDouble() * 0.1;
            JobLocation job = new JobLocation(jobId, faker.name().fullName(), faker.internet().emailAddress(),
                    faker.address().fullAddress(), destLat, destLong, time);
            int minTicks = Math.max(1, settings.tripTicks() / 4);
            int ticks = minTicks + random.nextInt(settings.tripTicks() - minTicks + 1);
            trips.add(new Trip(truckId(i), job, round6(destLat + away * Math.cos(bearing)),
                    round6(destLong + away * Math.sin(bearing)), ticks));
        }
        return trips.stream().map(t -> t.job).toList();
    }

    /**
     * One tick: the position of every truck still driving. A trip of n ticks reports its start, n - 1
     * points on the straight line, and the destination itself as {@code ARRIVED}; then the truck is quiet.
     */
    public List<Move> tick() {
        List<Move> moves = new ArrayList<>();
        for (Trip trip : trips) {
            if (trip.arrived()) {
                continue;
            }
            double lat;
            double lon;
            String state;
            if (trip.step == trip.ticks) {
                lat = trip.job.destLat();
                lon = trip.job.destLong();
                state = TruckLocation.ARRIVED;
            } else {
                double done = (double) trip.step / trip.ticks;
                lat = round6(trip.startLat + (trip.job.destLat() - trip.startLat) * done);
                lon = round6(trip.startLong + (trip.job.destLong() - trip.startLong) * done);
                state = TruckLocation.EN_ROUTE;
            }
            // the truck id travels as the record key, as the original demo's producer sent it; the value names none
            moves.add(new Move(trip.truckId, new TruckLocation(trip.job.id(), state, lat, lon, null)));
            trip.step++;
        }
        return moves;
    }

    /** True once every truck of the current round has reported ARRIVED. */
    public boolean allArrived() {
        return trips.stream().allMatch(Trip::arrived);
    }

    static String truckId(int number) {
        return String.format("truck-%03d", number);
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
