package io.streammesh.local.deploy;

import io.streammesh.common.config.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.streammesh.contracts.Json;
import io.streammesh.local.Services;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes as {@code kubectl kustomize} renders both overlays: every object is read into
 * fabric8's typed Kubernetes model, and an unknown field (which the model would keep aside as an
 * "additional property"), an unknown kind or API version fails; then what the suite needs is held
 * to the code: a StatefulSet per Kafka Streams service (state.dir on its volume claim, the pod's
 * stable name under a headless Service as application.server), Deployments for the sink and the
 * producers running what docker-compose.yaml runs, probes on /health/live and /health/ready, memory
 * requests equal to limits with the heap at most half, a PodDisruptionBudget, client properties from
 * a Secret (in the cloud overlay exactly what Terraform writes), and no service links.
 */
class KubernetesManifestsTest {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CLIENT_PROPERTIES = "/etc/streammesh/client.properties";

    @TempDir
    static Path tmp;

    private static Map<String, List<HasMetadata>> overlays;
    private static Map<String, String> cloudProperties;
    private static List<String> principals;

    @BeforeAll
    static void render() throws Exception {
        Path kubectl = Tools.onPath("kubectl").orElse(null);
        assumeTrue(kubectl != null, "no kubectl on PATH: the manifests are not rendered");
        Path copy = tmp.resolve("kubernetes");
        copyTree(Repo.file("deploy/kubernetes"), copy);
        // what a user copies from terraform/client-properties after terraform apply (outputs.tf's template)
        JsonNode tfvars = Json.MAPPER.readTree(Repo.file("terraform/" + DeploymentModel.TFVARS_FILE).toFile());
        String outputs = Files.readString(Repo.file("terraform/outputs.tf"));
        principals = new ArrayList<>();
        tfvars.get("principals").fieldNames().forEachRemaining(principals::add);
        cloudProperties = new TreeMap<>();
        for (String p : principals) {
            String text = TerraformTemplates.render(outputs, "client_properties", Map.of("name", p,
                    "local.bootstrap_servers", "pkc-00000.us-east-2.aws.confluent.cloud:9092",
                    "confluent_api_key.app[name].id", "KEY" + p.length(), "confluent_api_key.app[name].secret", "SECRET"));
            cloudProperties.put(p, text);
            Files.writeString(copy.resolve("overlays/cloud/client-properties/" + p + ".properties"), text);
        }
        Files.writeString(copy.resolve("overlays/cloud/mongodb-uri.txt"), "mongodb+srv://user:secret@cluster0.example.mongodb.net");

        overlays = new LinkedHashMap<>();
        for (String overlay : List.of("local", "cloud")) {
            Tools.Result r = Tools.run(copy, Map.of(), List.of(kubectl.toString(), "kustomize", "overlays/" + overlay), 120);
            assertThat(r.exitCode()).as("kubectl kustomize overlays/%s:%n%s", overlay, r.output()).isZero();
            overlays.put(overlay, typed(overlay, r.output()));
        }
    }

    /** Every document into its model class; fails on an unknown kind and on any field the model does not know. */
    private static List<HasMetadata> typed(String overlay, String yaml) throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(key);
                assertThat(type).as("%s: %s %s is not a kind the suite deploys", overlay, key, doc.path("metadata").path("name")).isNotNull();
                HasMetadata object = YAML.treeToValue(doc, type);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, key + " " + object.getMetadata().getName(), unknown, new IdentityHashMap<>());
                assertThat(unknown).as("%s: fields the Kubernetes model does not know", overlay).isEmpty();
                objects.add(object);
            }
        }
        return objects;
    }

    /** Walks the model's getters; a non-empty getAdditionalProperties() is a field Kubernetes would reject or ignore. */
    private static void unknownFields(Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = method.invoke(o);
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (!(o instanceof Quantity) && !(value instanceof String)) {
                unknownFields(value, path + "." + method.getName().substring(3), unknown, seen);
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return overlays.get(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(String overlay, Class<T> type, String name) {
        return all(overlay, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    private static Map<String, PodTemplateSpec> podTemplates(String overlay) {
        Map<String, PodTemplateSpec> pods = new TreeMap<>();
        all(overlay, StatefulSet.class).forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(overlay, Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(overlay, Job.class).forEach(j -> pods.put(j.getMetadata().getName(), j.getSpec().getTemplate()));
        return pods;
    }

    @Test
    void bothOverlaysRenderOnlyKnownKindsWithOnlyKnownFields() {
        assertThat(overlays.get("local")).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("StatefulSet/kafka", "Deployment/mongo", "Job/topics", "Namespace/streammesh");
        assertThat(overlays.get("cloud")).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .doesNotContain("StatefulSet/kafka", "Deployment/mongo", "Job/topics");
        overlays.forEach((overlay, objects) -> objects.stream().filter(o -> !(o instanceof Namespace))
                .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(overlay + " " + o.getMetadata().getName()).isEqualTo("streammesh")));
    }

    @Test
    void noPodGetsServiceLinks() {
        overlays.keySet().forEach(overlay -> podTemplates(overlay).forEach((name, pod) ->
                assertThat(pod.getSpec().getEnableServiceLinks()).as(overlay + " " + name + " enableServiceLinks").isFalse()));
    }

    @Test
    void eachKafkaStreamsServiceIsAStatefulSetWithItsStateOnAClaimAndItsPodNameAsApplicationServer() throws Exception {
        String stateDir = DockerfileModel.read(Repo.file("Dockerfile"), "runtime").env().get("STREAMMESH_STATE_DIR");
        for (String overlay : overlays.keySet()) {
            for (String name : Services.KNOWN) {
                StatefulSet set = named(overlay, StatefulSet.class, name);
                Service headless = named(overlay, Service.class, set.getSpec().getServiceName());
                assertThat(headless.getSpec().getClusterIP()).as(name).isEqualTo("None");
                assertThat(set.getSpec().getTemplate().getMetadata().getLabels()).as(name).containsAllEntriesOf(headless.getSpec().getSelector());
                assertThat(set.getSpec().getVolumeClaimTemplates()).as(name).extracting(c -> c.getMetadata().getName()).containsExactly("state");
                Container c = container(set.getSpec().getTemplate());
                assertThat(c.getVolumeMounts()).as(name).anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo("state");
                    assertThat(m.getMountPath()).isEqualTo(stateDir);
                });
                Map<String, EnvVar> env = env(c);
                assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
                assertThat(env.get("STREAMMESH_HTTP_ADVERTISED_HOST").getValue()).as(name)
                        .isEqualTo("$(POD_NAME)." + set.getSpec().getServiceName());
                assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).as(name).isGreaterThan(30L);
            }
        }
    }

    @Test
    void servicesAndTheSinkHaveLivenessAndReadinessProbesOnTheirHttpPort() {
        int httpPort = Settings.HTTP_PORT.defaultValue();
        List<String> withHttp = new ArrayList<>(Services.KNOWN);
        withHttp.add("mongo-sink");
        for (String overlay : overlays.keySet()) {
            Map<String, PodTemplateSpec> pods = podTemplates(overlay);
            for (String name : withHttp) {
                Container c = container(pods.get(name));
                assertThat(c.getPorts()).as(name).anySatisfy(p -> {
                    assertThat(p.getName()).isEqualTo("http");
                    assertThat(p.getContainerPort()).isEqualTo(httpPort);
                });
                assertProbe(name + " liveness", c.getLivenessProbe(), "/health/live");
                assertProbe(name + " readiness", c.getReadinessProbe(), "/health/ready");
                assertThat(pods.get(name).getMetadata().getAnnotations()).as(name).containsEntry("prometheus.io/port", Integer.toString(httpPort));
            }
        }
    }

    private static void assertProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo("http");
    }

    @Test
    void memoryRequestsEqualLimitsAndTheHeapIsAtMostHalfOfThem() {
        for (String overlay : overlays.keySet()) {
            podTemplates(overlay).forEach((name, pod) -> {
                for (Container c : pod.getSpec().getContainers()) {
                    Quantity request = c.getResources().getRequests().get("memory");
                    Quantity limit = c.getResources().getLimits().get("memory");
                    assertThat(limit).as(overlay + " " + name + " memory limit").isNotNull();
                    assertThat(Quantity.getAmountInBytes(request)).as(name).isEqualTo(Quantity.getAmountInBytes(limit));
                    if (c.getImage().startsWith("streammesh")) {
                        Matcher m = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(env(c).get("JAVA_OPTS").getValue());
                        assertThat(m.find()).as(name).isTrue();
                        assertThat(Integer.parseInt(m.group(1))).as(name).isLessThanOrEqualTo(50);
                        assertThat(Quantity.getAmountInBytes(limit).longValue()).as(name).isGreaterThanOrEqualTo(512L << 20);
                    }
                }
            });
        }
    }

    @Test
    void everyStatefulSetAndTheSinkHaveADisruptionBudgetSelectingTheirPods() {
        for (String overlay : overlays.keySet()) {
            List<String> guarded = new ArrayList<>(Services.KNOWN);
            guarded.add("mongo-sink");
            for (String name : guarded) {
                PodDisruptionBudget pdb = named(overlay, PodDisruptionBudget.class, name);
                assertThat(podTemplates(overlay).get(name).getMetadata().getLabels()).as(name)
                        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
                assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as(name).isEqualTo(1);
            }
        }
    }

    @Test
    void eachPrincipalReadsItsClientPropertiesFromItsSecretAndTheCloudSecretsAreWhatTerraformWrites() {
        for (String overlay : overlays.keySet()) {
            Map<String, PodTemplateSpec> pods = podTemplates(overlay);
            for (String principal : principals) {
                PodSpec pod = pods.get(principal).getSpec();
                Container c = container(pods.get(principal));
                VolumeMount mount = c.getVolumeMounts().stream().filter(m -> CLIENT_PROPERTIES.equals(m.getMountPath())).findFirst()
                        .orElseThrow(() -> new AssertionError(principal + " mounts no " + CLIENT_PROPERTIES));
                assertThat(mount.getReadOnly()).isTrue();
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                Secret secret = named(overlay, Secret.class, volume.getSecret().getSecretName());
                assertThat(secret.getMetadata().getName()).startsWith(principal + "-client-");
                // readable by the pod's group (fsGroup 10001), whoever owns the file
                assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
                assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
                String properties = new String(Base64.getMimeDecoder().decode(secret.getData().get(mount.getSubPath())), StandardCharsets.UTF_8);
                if (overlay.equals("cloud")) {
                    assertThat(properties).as(principal).isEqualTo(cloudProperties.get(principal));
                } else {
                    assertThat(properties).as(principal).contains("bootstrap.servers=kafka:9092");
                }
            }
            Container sink = container(pods.get("mongo-sink"));
            String uriSecret = env(sink).get("MONGODB_URI").getValueFrom().getSecretKeyRef().getName();
            assertThat(named(overlay, Secret.class, uriSecret).getData()).containsKey("uri");
        }
    }

    @Test
    void everyProcessRunsWhatDockerComposeRunsFromTheImagesJars() throws Exception {
        ComposeModel compose = ComposeModel.load(Map.of(), Repo.file("docker-compose.yaml"));
        DockerfileModel image = DockerfileModel.read(Repo.file("Dockerfile"), "runtime");
        for (String overlay : overlays.keySet()) {
            Map<String, PodTemplateSpec> pods = podTemplates(overlay);
            for (String name : principals) {
                Container c = container(pods.get(name));
                assertThat(c.getArgs()).as(overlay + " " + name).isEqualTo(compose.command(name).orElseThrow());
                assertThat(image.files()).as(name).containsKey(c.getArgs().get(0));
            }
            Optional.ofNullable(pods.get("topics")).ifPresent(p ->
                    assertThat(container(p).getArgs()).isEqualTo(compose.command("topics").orElseThrow()));
        }
    }

    private static Container container(PodTemplateSpec pod) {
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        return pod.getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Container c) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        c.getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().endsWith(".properties") || !f.toString().contains("client-properties")) {
                    Files.copy(f, t);
                }
            }
        }
    }
}
