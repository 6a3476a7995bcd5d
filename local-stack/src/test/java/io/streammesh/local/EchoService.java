package io.streammesh.local;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.StreamService;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/** A tiny table service for testing the tools: counts readings per key, requires an id. */
public final class EchoService implements StreamService {

    public record Reading(String id, Integer value) {
        public Reading {
            if (id == null) {
                throw new IllegalArgumentException("id is missing");
            }
        }
    }

    @Override
    public String name() {
        return "echo-test";
    }

    @Override
    public String description() {
        return "counts readings per key";
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("echo.in", Consumed.with(Serdes.String(), JsonSerde.of(Reading.class)))
                .groupByKey()
                .count(Materialized.as("echo-counts"))
                .toStream()
                .mapValues(c -> new Reading("count", c.intValue()))
                .to("echo.out", Produced.with(Serdes.String(), JsonSerde.of(Reading.class)));
        return builder.build();
    }
}
