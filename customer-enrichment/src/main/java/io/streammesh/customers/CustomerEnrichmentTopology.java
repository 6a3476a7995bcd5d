package io.streammesh.customers;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.customers.model.CustomerDemographics;
import io.streammesh.customers.model.CustomerEnriched;
import io.streammesh.customers.model.CustomerInfo;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * customer-enrichment (spec, "customer-enrichment"): {@code customers.enriched} is the inner join of
 * the latest {@code customers.info} and the latest {@code customers.demographics} per customer_id,
 * re-emitted whenever either side changes. A tombstone on either input deletes that side, and the
 * customer's row with it.
 */
public final class CustomerEnrichmentTopology implements StreamService {

    public static final String NAME = "customer-enrichment";

    static final Serde<CustomerInfo> INFO = JsonSerde.of(CustomerInfo.class);
    static final Serde<CustomerDemographics> DEMOGRAPHICS = JsonSerde.of(CustomerDemographics.class);
    static final Serde<CustomerEnriched> ENRICHED = JsonSerde.of(CustomerEnriched.class);

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

        KTable<String, CustomerInfo> info = Keys.fillMissing(
                        builder.stream(Topics.CUSTOMERS_INFO.name(), Consumed.with(Serdes.String(), INFO).withName("customers-info-source")),
                        CustomerInfo::customerId, INFO, "customers-info", NAME)
                .toTable(Named.as("customers-info-table"), store("customers-info", INFO));

        KTable<String, CustomerDemographics> demographics = Keys.fillMissing(
                        builder.stream(Topics.CUSTOMERS_DEMOGRAPHICS.name(),
                                Consumed.with(Serdes.String(), DEMOGRAPHICS).withName("customers-demographics-source")),
                        CustomerDemographics::customerId, DEMOGRAPHICS, "customers-demographics", NAME)
                .toTable(Named.as("customers-demographics-table"), store("customers-demographics", DEMOGRAPHICS));

        info.join(demographics, CustomerEnricher::enrich, Named.as("customers-join"))
                .toStream(Named.as("customers-enriched-changes"))
                .to(Topics.CUSTOMERS_ENRICHED.name(), Produced.with(Serdes.String(), ENRICHED).withName("customers-enriched-sink"));

        return builder.build();
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(String name, Serde<V> serde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(Serdes.String()).withValueSerde(serde);
    }
}
