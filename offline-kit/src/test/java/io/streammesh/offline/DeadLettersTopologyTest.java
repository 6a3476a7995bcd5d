package io.streammesh.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.contracts.Required;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** The dead-letter handlers work offline too, so services can test their bad-record paths without a broker. */
class DeadLettersTopologyTest {

    record Reading(@Required String id, Integer value) {
    }

    /** Doubles each reading; a negative one breaks the business rule and must be dead-lettered. */
    static final class Doubler implements StreamService {
        @Override
        public String name() {
            return "offline-dlq";
        }

        @Override
        public String description() {
            return "doubles readings";
        }

        @Override
        public Topology build(ServiceConfig config) {
            JsonSerde<Reading> serde = JsonSerde.of(Reading.class);
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("offline-dlq.in", Consumed.with(Serdes.String(), serde))
                    .mapValues(r -> {
                        if (r.value() < 0) {
                            throw new IllegalArgumentException("value must not be negative");
                        }
                        return new Reading(r.id(), r.value() * 2);
                    })
                    .to("offline-dlq.out", Produced.with(Serdes.String(), serde));
            return builder.build();
        }
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndGoodOnesPassOffline() {
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Doubler())) {
            driver.pipeJson("offline-dlq.in", "a", "{\"id\":\"a\",\"value\":1}", 1000);
            driver.pipeJson("offline-dlq.in", "b", "garbage", 2000);
            driver.pipeJson("offline-dlq.in", "c", "{\"id\":\"c\",\"value\":-5}", 3000);
            driver.pipeJson("offline-dlq.in", "d", "{\"id\":\"d\",\"value\":2}", 4000);

            List<Output> out = driver.drain();
            assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    tuple("offline-dlq.out", "a", "{\"id\":\"a\",\"value\":2}"),
                    tuple("offline-dlq.dlq", "b", "garbage"),
                    tuple("offline-dlq.dlq", "c", "{\"id\":\"c\",\"value\":-5}"),
                    tuple("offline-dlq.out", "d", "{\"id\":\"d\",\"value\":4}"));
            assertThat(out.get(1).headers()).containsEntry(DeadLetters.STAGE, "deserialization")
                    .containsEntry(DeadLetters.TOPIC, "offline-dlq.in").containsKey(DeadLetters.OFFSET);
            assertThat(out.get(2).headers()).containsEntry(DeadLetters.STAGE, "processing")
                    .containsEntry(DeadLetters.MESSAGE, "value must not be negative");
            assertThat(out.get(1).timestamp()).isEqualTo(2000);
        }
    }
}
