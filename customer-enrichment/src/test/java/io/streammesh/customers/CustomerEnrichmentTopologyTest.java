package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per rule of the spec's "customer-enrichment" section, on the real topology, offline. */
class CustomerEnrichmentTopologyTest {

    static final String INFO = Topics.CUSTOMERS_INFO.name();
    static final String DEMO = Topics.CUSTOMERS_DEMOGRAPHICS.name();
    static final String ENRICHED = Topics.CUSTOMERS_ENRICHED.name();
    static final String DLQ = "customer-enrichment.dlq";

    ServiceTestDriver driver;

    @BeforeEach
    void start() {
        driver = ServiceTestDriver.of(new CustomerEnrichmentTopology());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static String info(String id, String first, String email) {
        return "{\"customer_id\":\"" + id + "\",\"first_name\":\"" + first + "\",\"last_name\":\"Doe\",\"email\":\"" + email
                + "\",\"phone_number\":\"+1 555 0100\"}";
    }

    static String demographics(String id, int age, long income, String marital) {
        return "{\"customer_id\":\"" + id + "\",\"age\":" + age + ",\"gender\":\"female\",\"income\":" + income
                + ",\"education_level\":\"Bachelor\",\"marital_status\":\"" + marital + "\"}";
    }

    @Test
    void readsBothCustomerTopicsAndWritesCustomersEnriched() {
        TopologyTopics topics = TopologyTopics.of(new CustomerEnrichmentTopology().build(ServiceConfig.empty()));
        assertThat(topics.inputs()).containsExactlyInAnyOrder(INFO, DEMO);
        assertThat(topics.outputs()).containsExactly(ENRICHED);
    }

    @Test
    void infoWithoutDemographicsEmitsNothingUntilTheDemographicsArrive() {
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 1_000);
        assertThat(driver.drain()).isEmpty();

        driver.pipeJson(DEMO, "C1", demographics("C1", 36, 85_000, "married"), 2_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(ENRICHED, "C1"));
        assertThat(Json.tree(out.get(0).value())).isEqualTo(Json.tree("""
                {"customer_id":"C1","first_name":"Ada","last_name":"Doe","email":"ada@example.com","phone_number":"+1 555 0100",
                 "age":36,"gender":"female","income":85000,"education_level":"Bachelor","marital_status":"married"}"""));
    }

    @Test
    void demographicsWithoutInfoEmitNothingUntilTheInfoArrives() {
        driver.pipeJson(DEMO, "C1", demographics("C1", 36, 85_000, "married"), 1_000);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 2_000);
        assertThat(driver.drain()).extracting(Output::key).containsExactly("C1");
    }

    @Test
    void theRowIsUpdatedWhenEitherSideChangesWithTheLatestOfTheOther() {
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 1_000);
        driver.pipeJson(DEMO, "C1", demographics("C1", 36, 85_000, "single"), 2_000);
        driver.pipeJson(DEMO, "C1", demographics("C1", 37, 91_000, "married"), 3_000);
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@lovelace.example"), 4_000);
        List<CustomerEnriched> rows = driver.drain(ENRICHED).stream().map(o -> o.valueAs(CustomerEnriched.class)).toList();
        assertThat(rows).extracting(r -> r.info().email(), r -> r.demographics().age(), r -> r.demographics().income(),
                        r -> r.demographics().maritalStatus())
                .containsExactly(
                        tuple("ada@example.com", 36, 85_000L, "single"),
                        tuple("ada@example.com", 37, 91_000L, "married"),
                        tuple("ada@lovelace.example", 37, 91_000L, "married"));
    }

    @Test
    void customersDoNotMix() {
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 1_000);
        driver.pipeJson(INFO, "C2", info("C2", "Bob", "bob@example.com"), 1_000);
        driver.pipeJson(DEMO, "C2", demographics("C2", 50, 40_000, "divorced"), 2_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::key).containsExactly("C2");
        assertThat(out.get(0).valueAs(CustomerEnriched.class).info().firstName()).isEqualTo("Bob");
    }

    @Test
    void aTombstoneOnEitherSideDeletesTheRow() {
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 1_000);
        driver.pipeJson(DEMO, "C1", demographics("C1", 36, 85_000, "married"), 2_000);
        driver.pipeJson(INFO, "C2", info("C2", "Bob", "bob@example.com"), 1_000);
        driver.pipeJson(DEMO, "C2", demographics("C2", 50, 40_000, "divorced"), 2_000);
        driver.drain();

        driver.pipeJson(INFO, "C1", null, 3_000);
        driver.pipeJson(DEMO, "C2", null, 3_000);
        assertThat(driver.drain()).extracting(Output::topic, Output::key, Output::value)
                .containsExactly(tuple(ENRICHED, "C1", null), tuple(ENRICHED, "C2", null));

        // the remaining side alone emits nothing; the deleted side coming back restores the row
        driver.pipeJson(DEMO, "C1", demographics("C1", 37, 90_000, "married"), 4_000);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 5_000);
        assertThat(driver.drain(ENRICHED)).extracting(o -> o.valueAs(CustomerEnriched.class).demographics().age()).containsExactly(37);
    }

    @Test
    void aTombstoneWithoutAKeyIsDeadLetteredWithItsReason() {
        driver.pipeJson(INFO, null, null, 1_000);
        List<Output> dead = driver.drain();
        assertThat(dead).extracting(Output::topic, o -> o.headers().get(DeadLetters.TOPIC)).containsExactly(tuple(DLQ, INFO));
        assertThat(dead.get(0).headers().get(DeadLetters.MESSAGE)).contains("tombstone without a key");
    }

    @Test
    void theValuesCustomerIdWinsOverADifferentRecordKey() {
        long before = RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, DEMO);
        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 1_000);
        driver.pipeJson(DEMO, "C2", demographics("C1", 36, 85_000, "married"), 2_000);
        assertThat(driver.drain()).extracting(Output::topic, Output::key).containsExactly(tuple(ENRICHED, "C1"));
        assertThat(RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, DEMO)).isEqualTo(before + 1);
    }

    /**
     * A producer that does not place keys as Kafka's Java client does (librdkafka's CRC32 default):
     * with six partitions, TopologyTestDriver's partition 0 is the wrong one for this customer, so
     * both sides are re-routed by the key rule, counted, and still joined.
     */
    @Test
    void recordsOnTheWrongPartitionAreReRoutedCountedAndJoined() {
        String customer = IntStream.range(0, 100).mapToObj(i -> "C" + i)
                .filter(id -> Keys.partitionFor(id, 6) != 0).findFirst().orElseThrow();
        long infoBefore = RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, INFO);
        long demoBefore = RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, DEMO);
        try (ServiceTestDriver six = ServiceTestDriver.of(new CustomerEnrichmentTopology(),
                ServiceConfig.empty().withInputPartitions(Map.of(INFO, 6, DEMO, 6)))) {
            six.pipeJson(INFO, customer, info(customer, "Ada", "ada@example.com"), 1_000);
            six.pipeJson(DEMO, customer, demographics(customer, 36, 85_000, "married"), 2_000);
            List<Output> out = six.drain();
            assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(ENRICHED, customer));
            CustomerEnriched row = out.get(0).valueAs(CustomerEnriched.class);
            assertThat(row.info().firstName()).isEqualTo("Ada");
            assertThat(row.demographics().age()).isEqualTo(36);
        }
        assertThat(RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, INFO)).isEqualTo(infoBefore + 1);
        assertThat(RecordCounters.rerouted(CustomerEnrichmentTopology.NAME, DEMO)).isEqualTo(demoBefore + 1);
    }

    @Test
    void nullKeysAreTakenFromTheValueAndUpperCaseFieldsAreAccepted() {
        driver.pipeJson(INFO, null, "{\"CUSTOMER_ID\":\"C9\",\"FIRST_NAME\":\"Grace\",\"LAST_NAME\":\"Hopper\",\"EMAIL\":\"g@h.example\",\"PHONE_NUMBER\":\"1\"}", 1_000);
        driver.pipeJson(DEMO, null, "{\"CUSTOMER_ID\":\"C9\",\"AGE\":85,\"GENDER\":\"female\",\"INCOME\":120000,\"EDUCATION_LEVEL\":\"PhD\",\"MARITAL_STATUS\":\"married\"}", 2_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::key).containsExactly("C9");
        CustomerEnriched row = out.get(0).valueAs(CustomerEnriched.class);
        assertThat(row.info().lastName()).isEqualTo("Hopper");
        assertThat(row.demographics().educationLevel()).isEqualTo("PhD");
    }

    @Test
    void numericCustomerIdsFromOldProducersAreReadAsText() {
        driver.pipeJson(INFO, "7", "{\"customer_id\":7,\"first_name\":\"Numeric\"}", 1_000);
        driver.pipeJson(DEMO, "7", "{\"customer_id\":7,\"age\":30}", 2_000);
        assertThat(driver.drain(ENRICHED)).extracting(o -> o.valueAs(CustomerEnriched.class).customerId()).containsExactly("7");
    }

    @Test
    void badJsonAndRecordsWithoutCustomerIdGoToTheDeadLetterTopicAndTheServiceGoesOn() {
        driver.pipeJson(INFO, "C1", "not json at all", 1_000);
        driver.pipeJson(DEMO, "C1", "{\"age\":30}", 1_100);
        driver.pipeJson(DEMO, "C1", "{\"customer_id\":\"C1\",\"age\":\"thirty\"}", 1_200);
        List<Output> dead = driver.drain();
        assertThat(dead).extracting(Output::topic, Output::key).containsExactly(tuple(DLQ, "C1"), tuple(DLQ, "C1"), tuple(DLQ, "C1"));
        assertThat(dead.get(0).value()).isEqualTo("not json at all");
        assertThat(dead.get(1).headers()).containsEntry(DeadLetters.TOPIC, DEMO);
        assertThat(dead.get(1).headers().get(DeadLetters.MESSAGE)).contains("customer_id is missing");

        driver.pipeJson(INFO, "C1", info("C1", "Ada", "ada@example.com"), 2_000);
        driver.pipeJson(DEMO, "C1", demographics("C1", 36, 85_000, "married"), 3_000);
        assertThat(driver.drain()).extracting(Output::topic).containsExactly(ENRICHED);
    }
}
