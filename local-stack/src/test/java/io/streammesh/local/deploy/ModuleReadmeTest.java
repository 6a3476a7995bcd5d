package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Topics;
import io.streammesh.local.Services;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each deployable module's README states what the deployment needs: its topics, application.id and scaling. */
class ModuleReadmeTest {

    @Test
    void everyServiceReadmeNamesItsInputsOutputsApplicationIdAndScaling() throws Exception {
        DeploymentModel model = DeploymentModel.of(Services.available().values(), Topics.producers(), Topics.SINKS, Map.of());
        List<Principal> documented = new ArrayList<>();
        for (Principal p : model.principals()) {
            if (p.kind() == Principal.Kind.PRODUCER || !Files.isDirectory(Repo.file(p.module()))) {
                continue; // producers document their generators; test-only services have no module
            }
            String readme = Files.readString(Repo.file(p.module() + "/README.md"));
            for (String topic : p.topics()) {
                assertThat(readme).as("%s/README.md names %s", p.module(), topic).contains("`" + topic + "`");
            }
            assertThat(readme).as(p.module()).contains("`" + p.applicationId() + "`");
            assertThat(readme.toLowerCase(java.util.Locale.ROOT)).as(p.module() + " scaling").contains("6 instances");
            documented.add(p);
        }
        assertThat(documented).extracting(Principal::name).contains("mongo-sink");
    }
}
