package io.streammesh.local.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.runtime.StreamService;
import io.streammesh.local.Services;
import io.streammesh.local.deploy.Repo;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every service of the suite that serves tables: after its replay sample, the tables the query
 * API would serve, read out of the service's stores the way it reads them, are exactly the latest
 * value per key of what the service wrote to those topics (inventory-redistribution checks it after
 * every record of a longer random run: its QueryableTablesTest).
 */
class ServedTablesTest {

    static Stream<StreamService> servicesWithTables() {
        return Services.pipeline().stream().filter(s -> !s.tables().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servicesWithTables")
    void theServedTablesAreTheLatestValuePerKeyOfTheTopicsAfterTheReplaySample(StreamService service) throws Exception {
        List<Output> emitted = new ArrayList<>();
        try (ServiceTestDriver driver = ServiceTestDriver.of(service);
             BufferedReader sample = Files.newBufferedReader(Repo.file(service.name() + "/src/test/resources/replay/input.jsonl"),
                     StandardCharsets.UTF_8)) {
            driver.replay(sample, emitted::add);
            var served = driver.servedTables(service);
            assertThat(served).as("tables it writes and serves").isNotEmpty();
            assertThat(served).isEqualTo(ServiceTestDriver.latest(emitted));
        }
    }
}
