package io.streammesh.customers;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.query.QueryableTable;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * customer-enrichment (spec, "customer-enrichment"): {@code customers.enriched} is the inner join of
 * the latest {@code customers.info} and the latest {@code customers.demographics} per customer_id,
 * re-emitted whenever either side changes. Both inputs are read as changelogs through the key rule
 * ({@link Keys#changelog}), so each side sits under its value's customer_id on that key's partition,
 * and a tombstone on either input deletes that side, and the customer's row with it.
 */
public final class CustomerEnrichmentTopology implements StreamService {

    public static final String NAME = "customer-enrichment";
    /** The joined rows, kept for the query API; uncached, so the topic gets every update as before. */
    public static final String ENRICHED_STORE = "customers-enriched";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Joins the latest contact details and demographics of every customer into customers.enriched";
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, CustomerInfo> info = latest(builder, Topics.CUSTOMERS_INFO, config);
        KTable<String, CustomerDemographics> demographics = latest(builder, Topics.CUSTOMERS_DEMOGRAPHICS, config);

        info.join(demographics, CustomerEnriched::new, Named.as("customers-join"),
                        Materialized.<String, CustomerEnriched, KeyValueStore<Bytes, byte[]>>as(ENRICHED_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Topics.CUSTOMERS_ENRICHED.serde()).withCachingDisabled())
                .toStream(Named.as("customers-enriched-changes"))
                .to(Topics.CUSTOMERS_ENRICHED.name(), Produced.with(Serdes.String(), Topics.CUSTOMERS_ENRICHED.serde())
                        .withName("customers-enriched-sink"));
        return builder.build();
    }

    @Override
    public List<QueryableTable<?>> tables() {
        return List.of(QueryableTable.of(Topics.CUSTOMERS_ENRICHED, ENRICHED_STORE));
    }

    /** The latest record per customer of one input, in a store named like the topic ({@code customers-info}). */
    private static <V> KTable<String, V> latest(StreamsBuilder builder, Topic<V> topic, ServiceConfig config) {
        String name = Keys.baseName(topic);
        return Keys.changelog(builder, topic, config).toTable(Named.as(name + "-table"),
                Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name)
                        .withKeySerde(Serdes.String()).withValueSerde(topic.serde()));
    }
}
