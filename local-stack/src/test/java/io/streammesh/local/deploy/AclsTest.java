package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AclsTest {

    private static Set<String> rules(Principal p) {
        return Acls.of(p).stream()
                .map(a -> a.resourceType() + " " + a.patternType() + " " + a.resourceName() + " " + a.operation())
                .collect(Collectors.toSet());
    }

    @Test
    void aStreamsServiceReadsItsInputsWritesItsOutputsAndOwnsOnlyItsPrefixes() {
        Principal p = new Principal("station-enrichment", Principal.Kind.STREAMS, "station-enrichment", "d",
                "station-enrichment", Set.of("stations.info", "system.regions"),
                Set.of("stations.enriched", "station-enrichment.dlq"));

        assertThat(rules(p)).containsExactlyInAnyOrder(
                "TOPIC LITERAL stations.info READ",
                "TOPIC LITERAL system.regions READ",
                "TOPIC LITERAL stations.enriched WRITE",
                "TOPIC LITERAL station-enrichment.dlq WRITE",
                "GROUP LITERAL station-enrichment READ",
                "TOPIC PREFIXED station-enrichment- CREATE",
                "TOPIC PREFIXED station-enrichment- DELETE",
                "TOPIC PREFIXED station-enrichment- DESCRIBE",
                "TOPIC PREFIXED station-enrichment- DESCRIBE_CONFIGS",
                "TOPIC PREFIXED station-enrichment- READ",
                "TOPIC PREFIXED station-enrichment- WRITE",
                "TRANSACTIONAL_ID PREFIXED station-enrichment- WRITE",
                "TRANSACTIONAL_ID PREFIXED station-enrichment- DESCRIBE",
                "CLUSTER LITERAL kafka-cluster IDEMPOTENT_WRITE");
    }

    @Test
    void theInternalPrefixEndsWithADashSoItNeverCoversAnotherApplicationOrTheDeadLetterTopic() {
        Principal p = new Principal("jobs", Principal.Kind.STREAMS, "m", "d", "jobs", Set.of("a"), Set.of("jobs.dlq"));

        assertThat(Acls.of(p)).filteredOn(a -> a.patternType() == org.apache.kafka.common.resource.PatternType.PREFIXED)
                .extracting(Acl::resourceName).containsOnly("jobs-");
        // the dead-letter topic "jobs.dlq" is granted literally, WRITE only
        assertThat(rules(p)).contains("TOPIC LITERAL jobs.dlq WRITE").doesNotContain("TOPIC LITERAL jobs.dlq READ");
    }

    @Test
    void aProducerOnlyWritesItsTopics() {
        Principal p = Principal.producer("trucks", java.util.List.of(
                io.streammesh.contracts.Topics.JOBLOCATION, io.streammesh.contracts.Topics.TRADIE_TRUCK_LOCATION));

        assertThat(p.name()).isEqualTo("producers-trucks");
        assertThat(rules(p)).containsExactlyInAnyOrder(
                "TOPIC LITERAL joblocation WRITE",
                "TOPIC LITERAL tradie_truck_location WRITE",
                "CLUSTER LITERAL kafka-cluster IDEMPOTENT_WRITE");
    }

    @Test
    void theSinkReadsItsTopicInItsGroupAndWritesOnlyItsDeadLetters() {
        Principal p = Principal.sink("mongo-sink", java.util.List.of(io.streammesh.contracts.Topics.JOB_STATUS));

        assertThat(rules(p)).containsExactlyInAnyOrder(
                "TOPIC LITERAL job_status READ",
                "TOPIC LITERAL mongo-sink.dlq WRITE",
                "GROUP LITERAL mongo-sink READ",
                "CLUSTER LITERAL kafka-cluster IDEMPOTENT_WRITE");
    }

    @Test
    void keysAreUniqueAndStable() {
        Principal p = Principal.sink("mongo-sink", java.util.List.of(io.streammesh.contracts.Topics.JOB_STATUS));

        assertThat(Acls.of(p)).extracting(Acl::key).doesNotHaveDuplicates()
                .contains("mongo-sink/GROUP/LITERAL/mongo-sink/READ");
    }
}
