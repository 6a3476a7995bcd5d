package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.local.Services;
import io.streammesh.local.StreamMeshCli;
import io.streammesh.mongosink.MongoSink;
import io.streammesh.mongosink.MongoSinkService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated ACLs are enough, on a real broker that enforces them: a broker with an authorizer
 * (deny unless allowed) where each service, the sink and the producers log in as their own principal
 * with exactly the ACLs of generated.auto.tfvars.json, as on Confluent Cloud. Topics are created
 * beforehand by an administrator, as Terraform does, and the services run with create.topics=false.
 *
 * <p>Each Streams service must consume its inputs, dead-letter a malformed record of each (consumer
 * group, exactly-once transactions, internal topics, dead-letter topic) and, fed its module's replay
 * sample, write to its outputs. A principal without ACLs, or writing a topic not its own, is refused.
 *
 * <p>The principals log in over SASL_SSL, the broker's certificate signed by a CA the test generates
 * ({@link TestCa}), and every password holds {@link #MARKER}: the deployed jars run with it, and
 * {@link SecretsChecks} holds that it shows up in none of their output or HTTP answers, that the demo's
 * page API does not show it either, and that a client not trusting the CA stops with a clear line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AclsIT {

    private static final String BAD_KEY = "acl-it-malformed";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;

    /**
     * Part of every password of the run (each principal's, the truststore's): it must show up nowhere a
     * process prints or answers. Random per run, so no output can hold it by chance.
     */
    static final String MARKER = "smk" + Long.toHexString(new java.security.SecureRandom().nextLong() | Long.MIN_VALUE);

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;
    private static int saslSslPort;
    private static TestCa tls;
    private static DeploymentModel model;

    @BeforeAll
    static void startBrokerWithAnAuthorizer() throws Exception {
        model = DeploymentModel.fromCode();
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (Principal p : model.principals()) {
            users.put(p.name(), secret(p.name()));
        }
        users.put("nobody", secret("nobody"));
        users.put(SecretsChecks.DEMO, secret(SecretsChecks.DEMO));
        tls = TestCa.generate(tmp.resolve("ca"), MARKER + "-store");
        // PLAINTEXT (anonymous, a super user) is the administrator's and the broker's own listener;
        // SASL_SSL is where the principals log in, as on Confluent Cloud, each limited to its ACLs
        AuthorizingBroker authorizing = AuthorizingBroker.start(users, null, tls);
        broker = authorizing.broker();
        saslSslPort = authorizing.saslSslPort();
        admin = broker.admin();
        // what Terraform (or docker compose's topics job) does before any service starts
        assertThat(StreamMeshCli.run("topics", "--bootstrap-server", broker.bootstrapServers())).isZero();
        admin.createAcls(model.acls().stream().map(a -> a.toBinding("User:" + a.principal())).toList()).all().get();
        admin.createAcls(SecretsChecks.demoAcls()).all().get();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Order(0)
    @Test
    void theTopicsCommandCreatedEveryTopicWithSixPartitionsAndTablesCompacted() throws Exception {
        Set<String> names = model.topics().keySet();
        var descriptions = admin.describeTopics(names).allTopicNames().get();
        var configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
        for (String name : names) {
            assertThat(descriptions.get(name).partitions()).as(name).hasSize(Topics.PARTITIONS);
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .as(name).isEqualTo(Topics.spec(name).isTable() ? "compact" : "delete");
        }
        assertThat(names).contains("joblocation", "inventory.redistribution", "mongo-sink.dlq");
        // a second run finds them all and creates nothing
        assertThat(StreamMeshCli.run("topics", "--bootstrap-server", broker.bootstrapServers(), "--check")).isZero();
    }

    static Stream<String> services() {
        return Services.KNOWN.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0} runs with exactly its ACLs")
    @MethodSource("services")
    void eachServiceRunsWithExactlyItsGeneratedAcls(String name) throws Exception {
        StreamService service = Services.available().get(name);
        assumeTrue(service != null, name + " is not on this class path");
        Principal principal = model.principal(name);
        int malformed = 0;
        try (KafkaProducer<String, String> producer = adminProducer()) {
            for (String input : principal.reads()) {
                producer.send(new ProducerRecord<>(input, BAD_KEY, "{not json")).get();
                malformed++;
            }
            for (JsonNode line : sample(name)) {
                String topic = line.get("topic").asText();
                if (line.get("key").isNull() && Topics.spec(topic).isTable()) {
                    continue; // a compacted topic refuses a record without a key; only the offline replay takes it
                }
                JsonNode value = line.get("value");
                producer.send(new ProducerRecord<>(topic, null, line.get("timestamp").asLong(),
                        line.get("key").isNull() ? null : line.get("key").asText(),
                        value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString())).get();
            }
        }
        Set<String> outputs = new java.util.TreeSet<>(principal.writes());
        outputs.remove(Topics.deadLetter(service.applicationId()).name());
        boolean sampled = !sample(name).isEmpty();

        Map<String, String> kafka = new HashMap<>(login(name));
        kafka.put("commit.interval.ms", "200");
        kafka.put("num.stream.threads", "1");
        ServiceConfig config = ServiceConfig.of(kafka, Map.of("http.port", "0", "state.dir", tmp.resolve(name).toString(),
                "create.topics", "false", "startup.timeout", "30s"));
        int expectedDeadLetters = malformed;
        try (ServiceRuntime runtime = ServiceRuntime.start(service, config)) {
            await(name + " dead-letters a malformed record of each input").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetters(service.applicationId(), principal.reads()) >= expectedDeadLetters);
            if (sampled) {
                await(name + " writes its outputs").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> count(outputs) > 0);
            }
            assertThat(runtime.streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        }
    }

    @Order(2)
    @Test
    void theSinkDrainsItsTopicWithExactlyItsAcls() throws Exception {
        String sink = "mongo-sink";
        Principal principal = model.principal(sink);
        String topic = principal.reads().iterator().next();
        try (KafkaProducer<String, String> producer = adminProducer()) {
            producer.send(new ProducerRecord<>(topic, "1", "{\"job_id\": 1, \"customer_id\": \"c\", \"service_option\": \"s\","
                    + " \"price\": 10, \"price_quoted\": 12, \"current_status\": \"ACCEPTED\"}")).get();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
            ServiceConfig config = ServiceConfig.of(login(sink), Map.of("http.port", "0", "create.topics", "false",
                    "startup.timeout", "30s", "mongodb.uri", mongo.connectionString()));
            try (MongoSinkService service = MongoSinkService.start(config)) {
                await("mongo-sink commits its group's offsets").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> !admin.listConsumerGroupOffsets(sink).partitionsToOffsetAndMetadata().get().isEmpty());
                assertThat(service.sink().state()).isIn(MongoSink.State.RUNNING, MongoSink.State.RETRYING);
            }
        }
    }

    @Order(3)
    @Test
    void eachProducerWritesItsTopicsAndNothingElse() throws Exception {
        for (Principal p : model.principals()) {
            if (p.kind() != Principal.Kind.PRODUCER) {
                continue;
            }
            try (KafkaProducer<String, String> producer = producer(login(p.name()))) {
                for (String topic : p.writes()) {
                    producer.send(new ProducerRecord<>(topic, "acl-it", "{}")).get();
                }
                ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(Topics.JOB_STATUS.name(), "acl-it", "{}")).get());
                assertThat(refused).as(p.name()).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Order(4)
    @Test
    void aPrincipalWithoutAclsIsRefused() {
        StreamService service = Services.available().get(Services.KNOWN.get(0));
        assumeTrue(service != null);
        ServiceConfig config = ServiceConfig.of(login("nobody"), Map.of("http.port", "0",
                "state.dir", tmp.resolve("nobody").toString(), "create.topics", "false", "startup.timeout", "30s"));

        assertThatThrownBy(() -> ServiceRuntime.start(service, config).close())
                .isInstanceOf(ConfigException.class).hasMessageContaining("do not exist");
    }

    private static List<JsonNode> sample(String module) throws Exception {
        Path file = Repo.file(module + "/src/test/resources/replay/input.jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(Json.tree(line));
            }
        }
        return lines;
    }

    /** Dead letters of {@code applicationId} for the malformed records sent to {@code inputs}. */
    private static long deadLetters(String applicationId, Set<String> inputs) {
        return read(Set.of(Topics.deadLetter(applicationId).name())).stream()
                .filter(r -> BAD_KEY.equals(r.key()))
                .filter(r -> {
                    Header h = r.headers().lastHeader(DeadLetters.TOPIC);
                    return h != null && inputs.contains(new String(h.value(), StandardCharsets.UTF_8));
                })
                .map(r -> new String(r.headers().lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                .distinct().count();
    }

    private static long count(Set<String> topics) {
        return read(topics).size();
    }

    private static List<ConsumerRecord<String, String>> read(Set<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static KafkaProducer<String, String> adminProducer() {
        return producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(Map<String, String> config) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Client properties of a principal logging in on the SASL_SSL listener, as its client.properties
     * would: Confluent Cloud's settings plus the standard truststore properties for the test's own CA.
     */
    static Map<String, String> login(String principal) {
        Map<String, String> props = new java.util.TreeMap<>(tls.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + saslSslPort);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(principal, secret(principal)));
        return props;
    }

    static String jaas(String principal, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
    }

    static String secret(String principal) {
        return MARKER + "-" + principal;
    }

    @Order(5)
    @Test
    void everyJarWorksOverSaslSslAndShowsItsPasswordNowhere() throws Exception {
        SecretsChecks.everyJarOverSaslSsl(tmp.resolve("jars"), model, admin);
    }

    @Order(6)
    @Test
    void anUntrustedCaOrBadCredentialsStopAJarAtOnceWithAClearLineAndNoSecret() throws Exception {
        SecretsChecks.refusals(tmp.resolve("refusals"));
    }

    @Order(7)
    @Test
    void theDemoOverSaslSslShowsThePasswordNowhereOnItsPageApi() throws Exception {
        SecretsChecks.demo(tmp.resolve("demo"));
    }
}
