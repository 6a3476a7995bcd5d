package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.testing.ServiceTestDriver;
import io.streammesh.common.testing.ServiceTestDriver.Output;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dead-letter handlers work offline too, so services can test their bad-record paths without a broker. */
class DeadLettersTopologyTest {

    @Test
    void badRecordsGoToTheDeadLetterTopicAndGoodOnesPassOffline() {
        try (ServiceTestDriver driver = ServiceTestDriver.of(new ServiceRuntimeIT.Doubler())) {
            driver.pipeJson("runtime-it.in", "a", "{\"id\":\"a\",\"value\":1}", 1000);
            driver.pipeJson("runtime-it.in", "b", "garbage", 2000);
            driver.pipeJson("runtime-it.in", "c", "{\"id\":\"c\",\"value\":-5}", 3000);
            driver.pipeJson("runtime-it.in", "d", "{\"id\":\"d\",\"value\":2}", 4000);

            List<Output> out = driver.drain();
            assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("runtime-it.out", "a", "{\"id\":\"a\",\"value\":2}"),
                    org.assertj.core.groups.Tuple.tuple("runtime-it.dlq", "b", "garbage"),
                    org.assertj.core.groups.Tuple.tuple("runtime-it.dlq", "c", "{\"id\":\"c\",\"value\":-5}"),
                    org.assertj.core.groups.Tuple.tuple("runtime-it.out", "d", "{\"id\":\"d\",\"value\":4}"));
            assertThat(out.get(1).headers()).containsEntry(DeadLetters.STAGE, "deserialization")
                    .containsEntry(DeadLetters.TOPIC, "runtime-it.in").containsKey(DeadLetters.OFFSET);
            assertThat(out.get(2).headers()).containsEntry(DeadLetters.STAGE, "processing");
            assertThat(out.get(1).timestamp()).isEqualTo(2000);
        }
    }
}
