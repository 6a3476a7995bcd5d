package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.RentalUris;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import net.datafaker.Faker;

/**
 * A synthetic bike-share system: stations in regions of a city-sized box, bikes ridden between them.
 *
 * <p>Each region mixes residential, business and mixed-use stations. In the morning rush bikes flow
 * from residential to business stations, in the evening back, so stations really cross the
 * surplus (at least 75% full) and shortage (at most 25% full) thresholds of inventory-redistribution;
 * the system starts in its night-time shape (residential stations full, business stations nearly
 * empty), so every region has both kinds from the first status on. Docks never exceed capacity:
 * {@code bikes + disabled bikes + free docks + disabled docks == capacity} at every station, and
 * bikes are conserved (docked or in a ride).
 *
 * <p>Deterministic for a seed: the same settings give the same stations and the same statuses, tick
 * by tick. Not thread-safe; one thread ticks it.
 */
public final class GbfsSimulator {

    /** Monday 2 June 2025, 07:00 in New York: the morning rush is about to start. */
    public static final Instant DEFAULT_START = Instant.parse("2025-06-02T11:00:00Z");
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/New_York");
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(60);
    public static final int DEFAULT_STATIONS = 300;
    public static final int DEFAULT_REGIONS = 5;
    public static final int MIN_CAPACITY = 10;
    public static final int MAX_CAPACITY = 60;

    /** What to simulate. {@code stations} must be at least twice {@code regions}: every region needs a home and a work end. */
    public record Settings(long seed, int stations, int regions, Instant start, Duration tick, ZoneId zone) {
        public Settings {
            if (regions < 1) {
                throw new IllegalArgumentException("regions must be at least 1, got " + regions);
            }
            if (stations < 2 * regions) {
                throw new IllegalArgumentException("stations must be at least twice the regions (" + 2 * regions + "), got " + stations);
            }
            if (tick == null || tick.toMillis() < 1000) {
                throw new IllegalArgumentException("tick must be at least 1s, got " + tick);
            }
            if (start == null || zone == null) {
                throw new IllegalArgumentException("start and zone are required");
            }
        }

        public static Settings defaults(long seed, int stations, int regions) {
            return new Settings(seed, stations, regions, DEFAULT_START, DEFAULT_TICK, DEFAULT_ZONE);
        }
    }

    enum Kind { RESIDENTIAL, BUSINESS, MIXED }

    enum Period { NIGHT, MORNING_RUSH, DAY, EVENING_RUSH }

    // city box, about Manhattan's size: regions are bands from south to north
    static final double SOUTH = 40.700;
    static final double NORTH = 40.880;
    static final double WEST = -74.020;
    static final double EAST = -73.930;

    private static final List<String> REGION_NAMES = List.of("Downtown", "Midtown", "Uptown", "Riverside", "Harbor",
            "Eastside", "Westside", "Northgate", "University", "Old Town", "Lakeside", "Market District");
    /** Mostly home and work ends, a few mixed: in each block of ten stations of a region. */
    private static final Kind[] KIND_PATTERN = {Kind.RESIDENTIAL, Kind.BUSINESS, Kind.MIXED, Kind.RESIDENTIAL, Kind.BUSINESS,
            Kind.RESIDENTIAL, Kind.MIXED, Kind.BUSINESS, Kind.RESIDENTIAL, Kind.MIXED};
    /** Rides per minute a 30-dock station starts at ordinary daytime demand. */
    private static final double BASE_DEPARTURES_PER_MINUTE = 0.04;
    private static final double CROSS_REGION_SHARE = 0.05;

    private static final class Station {
        final int region;
        final Kind kind;
        final int capacity;
        int bikes;
        int bikesDisabled;
        int docksDisabled;

        Station(int region, Kind kind, int capacity) {
            this.region = region;
            this.kind = kind;
            this.capacity = capacity;
        }

        int docksAvailable() {
            return capacity - bikes - bikesDisabled - docksDisabled;
        }
    }

    private record Ride(long arrivalTick, long sequence, int destination) {
    }

    private final Settings settings;
    private final Random random;
    private final List<Region> regions;
    private final List<StationInfo> infos;
    private final Station[] stations;
    private final int[][] stationsByRegion;
    /** [period][region] cumulative attraction of the region's stations, for picking ride destinations. */
    private final double[][][] attraction;
    private final PriorityQueue<Ride> rides = new PriorityQueue<>(Comparator.comparingLong(Ride::arrivalTick).thenComparingLong(Ride::sequence));
    private long rideSequence;
    private long tick;
    private Instant now;

    public GbfsSimulator(long seed, int stations, int regions) {
        this(Settings.defaults(seed, stations, regions));
    }

    public GbfsSimulator(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.now = settings.start();
        Faker faker = new Faker(Locale.US, new Random(settings.seed() ^ 0x5DEECE66DL));

        List<Region> regionList = new ArrayList<>();
        for (int r = 0; r < settings.regions(); r++) {
            String name = REGION_NAMES.get(r % REGION_NAMES.size()) + (r < REGION_NAMES.size() ? "" : " " + (r / REGION_NAMES.size() + 1));
            regionList.add(new Region(regionId(r), name));
        }
        this.regions = List.copyOf(regionList);

        this.stations = new Station[settings.stations()];
        List<StationInfo> infoList = new ArrayList<>();
        int[] perRegion = new int[settings.regions()];
        for (int n = 0; n < settings.stations(); n++) {
            int region = n % settings.regions();
            Kind kind = KIND_PATTERN[perRegion[region]++ % KIND_PATTERN.length];
            int capacity = MIN_CAPACITY + random.nextInt((MAX_CAPACITY - MIN_CAPACITY) / 2 + 1) + random.nextInt((MAX_CAPACITY - MIN_CAPACITY) / 2 + 1);
            Station station = new Station(region, kind, capacity);
            fillForNight(station);
            stations[n] = station;
            infoList.add(info(n, station, faker));
        }
        this.infos = List.copyOf(infoList);

        this.stationsByRegion = new int[settings.regions()][];
        for (int r = 0; r < settings.regions(); r++) {
            final int region = r;
            stationsByRegion[r] = java.util.stream.IntStream.range(0, stations.length).filter(i -> stations[i].region == region).toArray();
        }
        this.attraction = new double[Period.values().length][settings.regions()][];
        for (Period period : Period.values()) {
            for (int r = 0; r < settings.regions(); r++) {
                int[] members = stationsByRegion[r];
                double[] cumulative = new double[members.length];
                double sum = 0;
                for (int i = 0; i < members.length; i++) {
                    Station s = stations[members[i]];
                    sum += attraction(period, s.kind) * s.capacity;
                    cumulative[i] = sum;
                }
                attraction[period.ordinal()][r] = cumulative;
            }
        }
    }

    /** Night-time shape: residential stations full, business stations nearly empty, mixed ones in between. */
    private void fillForNight(Station s) {
        switch (s.kind) {
            case RESIDENTIAL -> s.bikes = Math.min(s.capacity, Math.max((int) Formulas.round(s.capacity * 0.75),
                    (int) Math.ceil(s.capacity * (0.80 + 0.15 * random.nextDouble()))));
            case BUSINESS -> s.bikes = (int) Math.floor(s.capacity * 0.20 * random.nextDouble());
            case MIXED -> {
                s.bikes = (int) Math.round(s.capacity * (0.30 + 0.40 * random.nextDouble()));
                if (random.nextDouble() < 0.2) {
                    s.bikesDisabled = 1;
                }
            }
        }
    }

    private StationInfo info(int n, Station s, Faker faker) {
        double bandHeight = (NORTH - SOUTH) / settings.regions();
        double lat = SOUTH + bandHeight * (s.region + random.nextDouble());
        double lon = WEST + (EAST - WEST) * random.nextDouble();
        String id = stationId(n);
        String street = faker.address().streetName();
        String cross = faker.address().streetName();
        // by field name, as a feed has them: a field added to the contract is simply absent here
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("station_id", id);
        fields.put("name", street + " & " + cross);
        fields.put("short_name", String.format(Locale.ROOT, "%d.%02d", 4000 + n / 4, n % 4 + 1));
        fields.put("lat", round6(lat));
        fields.put("lon", round6(lon));
        fields.put("address", faker.address().streetAddress());
        fields.put("cross_street", cross);
        fields.put("region_id", regionId(s.region));
        fields.put("post_code", faker.address().zipCode());
        fields.put("rental_methods", List.of("KEY", "CREDITCARD"));
        fields.put("is_virtual_station", false);
        fields.put("parking_type", "street_parking");
        fields.put("capacity", s.capacity);
        fields.put("is_valet_station", false);
        fields.put("is_charging_station", s.kind == Kind.BUSINESS);
        fields.put("rental_uris", new RentalUris(null, null, "https://bikes.example/stations/" + id));
        return Json.MAPPER.convertValue(fields, StationInfo.class);
    }

    private static double round6(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    static String stationId(int n) {
        return Integer.toString(1000 + n);
    }

    static String regionId(int r) {
        return Integer.toString(r + 1);
    }

    public Settings settings() {
        return settings;
    }

    /** {@code system.regions} records, one per region. */
    public List<Region> regions() {
        return regions;
    }

    /** {@code stations.info} records, one per station. */
    public List<StationInfo> stationInfos() {
        return infos;
    }

    /** The simulated time of the latest statuses. */
    public Instant now() {
        return now;
    }

    /** Ticks simulated so far. */
    public long ticks() {
        return tick;
    }

    /** The statuses at {@link #now()}, without advancing time. */
    public List<StationStatus> statuses() {
        long reported = now.getEpochSecond();
        List<StationStatus> result = new ArrayList<>(stations.length);
        for (int n = 0; n < stations.length; n++) {
            Station s = stations[n];
            result.add(new StationStatus(stationId(n), s.bikes, null, s.bikesDisabled, s.docksAvailable(), s.docksDisabled,
                    true, true, true, reported, null));
        }
        return result;
    }

    /** Advances one tick (rides arrive, rides start, bikes and docks break and get fixed) and returns the new statuses. */
    public List<StationStatus> tick() {
        tick++;
        now = now.plus(settings.tick());
        double minutes = settings.tick().toMillis() / 60_000.0;
        Period period = period();
        arrive();
        depart(period, minutes);
        maintain(minutes);
        return statuses();
    }

    /** Bikes in the system: docked (available or disabled) plus riding; constant over time. */
    public int totalBikes() {
        int total = rides.size();
        for (Station s : stations) {
            total += s.bikes + s.bikesDisabled;
        }
        return total;
    }

    Kind kindOf(String stationId) {
        return stations[Integer.parseInt(stationId) - 1000].kind;
    }

    public int bikesRiding() {
        return rides.size();
    }

    Period period() {
        int hour = now.atZone(settings.zone()).getHour();
        if (hour < 6) {
            return Period.NIGHT;
        }
        if (hour >= 7 && hour < 10) {
            return Period.MORNING_RUSH;
        }
        if (hour >= 16 && hour < 19) {
            return Period.EVENING_RUSH;
        }
        return Period.DAY;
    }

    static double departures(Period period, Kind kind) {
        return switch (period) {
            case NIGHT -> 0.15;
            case DAY -> 1.0;
            case MORNING_RUSH -> kind == Kind.RESIDENTIAL ? 3.0 : kind == Kind.BUSINESS ? 0.5 : 1.5;
            case EVENING_RUSH -> kind == Kind.BUSINESS ? 3.0 : kind == Kind.RESIDENTIAL ? 0.5 : 1.5;
        };
    }

    static double attraction(Period period, Kind kind) {
        return switch (period) {
            case NIGHT, DAY -> 1.0;
            case MORNING_RUSH -> kind == Kind.BUSINESS ? 4.0 : kind == Kind.RESIDENTIAL ? 0.4 : 1.5;
            case EVENING_RUSH -> kind == Kind.RESIDENTIAL ? 4.0 : kind == Kind.BUSINESS ? 0.4 : 1.5;
        };
    }

    private void arrive() {
        Period period = period();
        while (!rides.isEmpty() && rides.peek().arrivalTick() <= tick) {
            Ride ride = rides.poll();
            Station s = stations[ride.destination()];
            if (s.docksAvailable() > 0) {
                if (random.nextDouble() < 0.01) {
                    s.bikesDisabled++; // came back with a flat
                } else {
                    s.bikes++;
                }
            } else {
                // full: the rider looks for a dock nearby, in the same region
                int next = destination(period, s.region);
                rides.add(new Ride(tick + 1 + random.nextInt(3), rideSequence++, next));
            }
        }
    }

    private void depart(Period period, double minutes) {
        for (int n = 0; n < stations.length; n++) {
            Station s = stations[n];
            if (s.bikes == 0) {
                continue;
            }
            double lambda = BASE_DEPARTURES_PER_MINUTE * minutes * (s.capacity / 30.0) * departures(period, s.kind);
            int leaving = Math.min(s.bikes, poisson(lambda));
            for (int i = 0; i < leaving; i++) {
                s.bikes--;
                int region = random.nextDouble() < CROSS_REGION_SHARE ? random.nextInt(settings.regions()) : s.region;
                double rideMinutes = 4 + 20 * random.nextDouble();
                long ticks = Math.max(1, Math.round(rideMinutes / minutes));
                rides.add(new Ride(tick + ticks, rideSequence++, destination(period, region)));
            }
        }
    }

    private void maintain(double minutes) {
        double scale = minutes; // probabilities are per simulated minute
        for (Station s : stations) {
            if (s.bikesDisabled > 0 && random.nextDouble() < 0.01 * scale) {
                s.bikesDisabled--;
                s.bikes++;
            }
            if (s.bikes > 0 && random.nextDouble() < 0.0005 * scale) {
                s.bikes--;
                s.bikesDisabled++;
            }
            if (s.docksDisabled > 0 && random.nextDouble() < 0.01 * scale) {
                s.docksDisabled--;
            }
            if (s.docksDisabled < 2 && s.docksAvailable() > 0 && random.nextDouble() < 0.0005 * scale) {
                s.docksDisabled++;
            }
        }
    }

    private int destination(Period period, int region) {
        double[] cumulative = attraction[period.ordinal()][region];
        double pick = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, pick);
        i = i >= 0 ? i : -i - 1;
        return stationsByRegion[region][Math.min(i, cumulative.length - 1)];
    }

    private int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
