package io.streammesh.producers.marketplace;

import io.streammesh.contracts.marketplace.JobCreated;
import io.streammesh.contracts.marketplace.OrderPlaced;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The marketplace's jobs, one after another: for each, the {@code job_created} of the tradesperson
 * and the {@code order_placed} of the customer, a few seconds to minutes apart in either order, with
 * a quote below the price for a configurable share of them.
 *
 * <p>Deterministic: the same settings give the same jobs, so a test can know what the producer
 * meant ({@link #intendedStatuses}) and compare it with what the service made of it.
 */
public final class MarketplaceGenerator {

    /**
     * @param seed             random seed
     * @param firstJobId       job ids count up from here
     * @param belowPriceShare  share of orders quoting less than the price (REJECTED), 0..1
     * @param maxOrderDelay    the two records of a job are 1 s to this far apart (under the join's 1 hour)
     * @param nullKeyShare     share of records sent with a null key, as producers written for ksqlDB do, 0..1
     */
    public record Settings(long seed, long firstJobId, double belowPriceShare, Duration maxOrderDelay, double nullKeyShare) {
        public Settings {
            if (belowPriceShare < 0 || belowPriceShare > 1) {
                throw new IllegalArgumentException("the share of quotes below the price must be between 0 and 1, got " + belowPriceShare);
            }
            if (nullKeyShare < 0 || nullKeyShare > 1) {
                throw new IllegalArgumentException("the share of null keys must be between 0 and 1, got " + nullKeyShare);
            }
            if (maxOrderDelay.compareTo(Duration.ofSeconds(1)) < 0 || maxOrderDelay.compareTo(Duration.ofHours(1)) >= 0) {
                throw new IllegalArgumentException("the delay between a job and its order must be between 1s and 1h"
                        + " (the service joins them only within an hour), got " + maxOrderDelay);
            }
        }
    }

    /**
     * One job: both records, their times, whether each is sent with its key (the job id; else with
     * none), and the status the service should give it.
     */
    public record PlannedJob(long jobId, JobCreated job, long jobCreatedAt, boolean jobKeyed,
                             OrderPlaced order, long orderPlacedAt, boolean orderKeyed, String intendedStatus) {
    }

    /** Where the jobs are: the same city the trucks drive around. */
    static final List<String> SUBURBS = List.of("Newtown", "Parramatta", "Bondi", "Manly", "Chatswood", "Penrith",
            "Liverpool", "Hornsby", "Cronulla", "Surry Hills", "Marrickville", "Randwick", "Blacktown", "Epping", "Ryde",
            "Strathfield", "Mosman", "Balmain", "Glebe", "Castle Hill", "Campbelltown", "Bankstown", "Dee Why", "Leichhardt");

    private final Settings settings;
    private final Random random;
    private long nextJobId;

    public MarketplaceGenerator(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.nextJobId = settings.firstJobId();
    }

    /** The next job, its first record at {@code time} (epoch ms), the other one 1 s to max-order-delay later. */
    public PlannedJob next(long time) {
        long jobId = nextJobId++;
        Trade trade = Trade.ALL.get(random.nextInt(Trade.ALL.size()));
        long price = roundToFive(trade.minPrice() + random.nextInt(trade.maxPrice() - trade.minPrice() + 1));
        boolean below = random.nextDouble() < settings.belowPriceShare();
        long quoted = below ? quoteBelow(price) : quoteAtOrAbove(price);

        LocalDate start = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1 + random.nextInt(21));
        LocalDate end = start.plusDays(random.nextInt(5));
        JobCreated job = new JobCreated(jobId, start.toString(), end.toString(), price, JobCreated.YET_TO_BEGIN);
        OrderPlaced order = new OrderPlaced(jobId, "cust-" + (10_000 + random.nextInt(90_000)), trade.serviceOption(),
                "tradie-" + (1_000 + random.nextInt(9_000)), SUBURBS.get(random.nextInt(SUBURBS.size())), quoted);

        long delay = 1_000 + (long) (random.nextDouble() * (settings.maxOrderDelay().toMillis() - 1_000));
        boolean orderFirst = random.nextBoolean();
        long jobAt = orderFirst ? time + delay : time;
        long orderAt = orderFirst ? time : time + delay;
        boolean jobKeyed = random.nextDouble() >= settings.nullKeyShare();
        boolean orderKeyed = random.nextDouble() >= settings.nullKeyShare();
        return new PlannedJob(jobId, job, jobAt, jobKeyed, order, orderAt, orderKeyed, status(quoted, price));
    }

    /** What the service should say about each of the first {@code count} jobs of these settings: job id -> status. */
    public static Map<Long, String> intendedStatuses(Settings settings, int count) {
        MarketplaceGenerator generator = new MarketplaceGenerator(settings);
        Map<Long, String> result = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            PlannedJob job = generator.next(0);
            result.put(job.jobId(), job.intendedStatus());
        }
        return result;
    }

    /** The spec's rule, restated so the generator knows which quotes it meant to be rejected. */
    static String status(long priceQuoted, long price) {
        return priceQuoted >= price ? "ACCEPTED" : "REJECTED";
    }

    private long quoteBelow(long price) {
        // at least 1 below, at most 40% below, never below 1
        long discount = 1 + random.nextInt((int) Math.max(1, price * 4 / 10));
        return Math.max(1, price - discount);
    }

    private long quoteAtOrAbove(long price) {
        // one in five quotes exactly the price: the boundary the rule must accept
        if (random.nextInt(5) == 0) {
            return price;
        }
        return price + roundToFive(random.nextInt((int) Math.max(1, price * 3 / 10)) + 5);
    }

    private static long roundToFive(long value) {
        return Math.max(5, (value + 2) / 5 * 5);
    }
}
