package io.streammesh.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

/**
 * Feeds the bad-input corpus ({@link BadCases}) to every input topic of every service on the real
 * broker, and finds each record's outcome by content once every group has processed everything:
 * <b>D</b> its topic, partition and offset are on {@code <application.id>.dlq} (with a reason),
 * <b>P</b> an output holds its id, <b>N</b> neither (a record the contract filters, counted as a
 * drop, or one that makes no row: a region nobody is in, a station neither high nor low),
 * <b>R</b> refused by the broker (a table topic refuses a record without a key).
 *
 * <p>A record whose join needs its partner gets a valid partner with the same id (a status its
 * station's information, an order its job, a truck position its job's location), sent first when
 * the partner is the table side.
 */
final class BadInput {

    /** Every input topic of each service (docs/data-products.md), in the order the table's letters follow. */
    static final Map<String, List<String>> INPUTS = new LinkedHashMap<>();
    static final Map<String, List<String>> OUTPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put("station-enrichment", List.of("stations.info", "stations.status", "system.regions"));
        INPUTS.put("customer-enrichment", List.of("customers.info", "customers.demographics"));
        INPUTS.put("inventory-redistribution", List.of("stations.enriched"));
        INPUTS.put("marketplace-jobs", List.of("order_placed", "job_created"));
        INPUTS.put("truck-tracker", List.of("joblocation", "tradie_truck_location"));
        INPUTS.put("mongo-sink", List.of("job_status"));
        OUTPUTS.put("station-enrichment", List.of("stations.info.latest", "stations.enriched"));
        OUTPUTS.put("customer-enrichment", List.of("customers.enriched"));
        OUTPUTS.put("inventory-redistribution", List.of("inventory.availability.high", "inventory.availability.low", "inventory.redistribution"));
        OUTPUTS.put("marketplace-jobs", List.of("job_status"));
        OUTPUTS.put("truck-tracker", List.of("truck_tracker"));
        OUTPUTS.put("mongo-sink", List.of());
    }

    /** The valid partner a record of {@code topic} needs to show an output, and whether it goes first (table side). */
    static final Map<String, String> PARTNER = Map.of(
            "stations.status", "stations.info",
            "customers.info", "customers.demographics",
            "customers.demographics", "customers.info",
            "order_placed", "job_created",
            "job_created", "order_placed",
            "joblocation", "tradie_truck_location",
            "tradie_truck_location", "joblocation");
    static final Set<String> TABLE_SIDE = Set.of("stations.info", "joblocation", "system.regions", "customers.info",
            "customers.demographics", "stations.enriched", "job_status", "order_placed", "job_created");

    /**
     * The outputs that show a record of a topic was processed, where the service's other outputs would
     * also show its partner: a status's partner (its station) alone makes a stations.info.latest row.
     */
    static final Map<String, List<String>> PROOF = Map.of(
            "stations.status", List.of("stations.enriched"),
            "stations.info", List.of("stations.info.latest"),
            "job_status", List.of("mongodb"));

    record Sent(BadCases.Case badCase, String service, String topic, String id, BadCases.Bad bad, Future<RecordMetadata> result) {
    }

    /** The outcome letters and the table; fails (AssertionError) when a case breaks the contract. */
    static String run(EmbeddedKafkaBroker broker, EmbeddedMongo mongo, Map<String, List<ServiceProcess>> instances) throws Exception {
        List<BadCases.Case> cases = BadCases.all();
        Map<String, Double> droppedBefore = dropped(instances);
        List<Sent> sent = new ArrayList<>();
        // one letter per input topic of the service, in the order of INPUTS
        Map<String, char[]> letters = new LinkedHashMap<>();
        Map<String, Object> props = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             Admin admin = broker.admin()) {
            // phase 1: the table sides (a case or a partner), so a stream record finds them in phase 2
            for (boolean tablePhase : new boolean[] {true, false}) {
                for (int n = 0; n < cases.size(); n++) {
                    BadCases.Case c = cases.get(n);
                    for (Map.Entry<String, List<String>> e : INPUTS.entrySet()) {
                        for (int t = 0; t < e.getValue().size(); t++) {
                            String topic = e.getValue().get(t);
                            int number = (n + 1) * 100 + t + 10 * INPUTS.keySet().stream().toList().indexOf(e.getKey());
                            BadCases.Base base = BadCases.base(topic, number);
                            String partner = PARTNER.get(topic);
                            if (partner != null && TABLE_SIDE.contains(partner) == tablePhase) {
                                BadCases.Base p = BadCases.base(partner, number);
                                producer.send(new ProducerRecord<>(partner, BadCases.utf8(p.key()),
                                        BadCases.utf8(BadCases.write(p.value()))));
                            }
                            if (TABLE_SIDE.contains(topic) == tablePhase) {
                                BadCases.Bad bad = c.make().apply(base, base.key());
                                // the id an output names the record by: a truck position's job, else its key
                                String id = topic.equals("tradie_truck_location") ? base.value().get("job_id").asText() : base.key();
                                if (java.util.Arrays.equals(bad.key(), BadCases.utf8(base.key()))
                                        && java.util.Arrays.equals(bad.value(), BadCases.utf8(BadCases.write(base.value())))) {
                                    // the case changes nothing of this topic's record (no number, no coordinate to break)
                                    letters.computeIfAbsent(c.name() + "|" + e.getKey(), k -> "?".repeat(e.getValue().size())
                                            .toCharArray())[t] = '-';
                                    continue;
                                }
                                sent.add(new Sent(c, e.getKey(), topic, id, bad,
                                        producer.send(new ProducerRecord<>(topic, bad.key(), bad.value()))));
                            }
                        }
                    }
                }
                producer.flush();
                awaitProcessed(admin, instances.keySet());
            }
        }
        // the outcomes, by content
        List<String> dlqs = instances.keySet().stream().map(s -> s + ".dlq").toList();
        List<String> outputs = OUTPUTS.values().stream().flatMap(List::stream).distinct().toList();
        List<String> topics = new ArrayList<>(dlqs);
        topics.addAll(outputs);
        List<String> violations = new ArrayList<>();
        try (TopicReader reader = new TopicReader(broker, topics).catchUp();
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            Map<String, Map<String, TopicReader.Rec>> dlqByOrigin = new HashMap<>();
            for (String service : instances.keySet()) {
                Map<String, TopicReader.Rec> byOrigin = new HashMap<>();
                for (TopicReader.Rec r : reader.records(service + ".dlq")) {
                    byOrigin.put(r.headers().get(DeadLetters.TOPIC) + "/" + r.headers().get(DeadLetters.PARTITION) + "/"
                            + r.headers().get(DeadLetters.OFFSET), r);
                }
                dlqByOrigin.put(service, byOrigin);
            }
            // a record re-routed through a repartition topic is dead-lettered from there: found by its bytes instead
            Map<String, List<TopicReader.Rec>> dlqByContent = new HashMap<>();
            for (String service : instances.keySet()) {
                for (TopicReader.Rec r : reader.records(service + ".dlq")) {
                    dlqByContent.computeIfAbsent(service + "|" + r.key() + "|" + java.util.Arrays.hashCode(r.rawValue()),
                            k -> new ArrayList<>()).add(r);
                }
            }
            Map<String, Set<String>> idsSeen = new HashMap<>();
            for (String topic : OUTPUTS.values().stream().flatMap(List::stream).distinct().toList()) {
                Set<String> ids = new java.util.HashSet<>();
                for (TopicReader.Rec r : reader.records(topic)) {
                    ids.addAll(ids(r.key(), r.value()));
                }
                idsSeen.put(topic, ids);
            }
            Set<String> documents = new java.util.HashSet<>();
            for (Document d : client.getDatabase("marketplace").getCollection("job_status").find()) {
                documents.add(String.valueOf(d.get("_id")));
            }
            idsSeen.put("mongodb", documents);
            for (Sent s : sent) {
                String letter;
                RecordMetadata md = null;
                try {
                    md = s.result().get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    md = null;
                }
                if (md == null) {
                    letter = "R";
                } else {
                    TopicReader.Rec dl = dlqByOrigin.get(s.service()).get(s.topic() + "/" + md.partition() + "/" + md.offset());
                    if (dl == null) {
                        List<TopicReader.Rec> same = dlqByContent.get(s.service() + "|" + BadCases.text(s.bad().key()) + "|"
                                + java.util.Arrays.hashCode(s.bad().value()));
                        if (same != null && !same.isEmpty()) {
                            dl = same.remove(0);
                        }
                    }
                    if (dl != null) {
                        letter = "D";
                        if (dl.headers().get(DeadLetters.STAGE) == null || (dl.headers().get(DeadLetters.MESSAGE) == null
                                && dl.headers().get(DeadLetters.EXCEPTION) == null)) {
                            violations.add(s.badCase().name() + " on " + s.topic() + ": dead-lettered without a reason " + dl.headers());
                        }
                    } else if (PROOF.getOrDefault(s.topic(), OUTPUTS.get(s.service())).stream()
                            .anyMatch(o -> idsSeen.getOrDefault(o, Set.of()).contains(s.id()))) {
                        letter = "P";
                    } else {
                        letter = "N";
                    }
                }
                if (s.badCase().mustDeadLetter() && !letter.equals("D")) {
                    violations.add(s.badCase().name() + " on " + s.topic() + " (" + s.service() + "): " + letter
                            + ", but a record that cannot be parsed must be dead-lettered");
                }
                letters.computeIfAbsent(s.badCase().name() + "|" + s.service(), k -> "?".repeat(INPUTS.get(s.service()).size())
                        .toCharArray())[INPUTS.get(s.service()).indexOf(s.topic())] = letter.charAt(0);
            }
        }
        Map<String, Double> droppedAfter = dropped(instances);
        StringBuilder md = new StringBuilder("# Bad-input table\n\n");
        md.append(cases.size()).append(" cases x every input topic of every service, on the real broker with the services'"
                + " jars running (two instances each). One letter per input topic, in the order of the column's header:"
                + " **D** dead-lettered on `<application.id>.dlq` with its reason headers, **P** processed (an output holds"
                + " the record's id), **N** no output and no dead letter (filtered by a rule of the contract and counted,"
                + " or processed into no row), **R** refused by the broker, **-** the case changes nothing of that topic's record (no number or coordinate to"
                + " break), not sent.\n\n| case |");
        INPUTS.forEach((s, t) -> md.append(' ').append(s).append(" (").append(String.join(", ", t)).append(") |"));
        md.append("\n| --- |");
        INPUTS.keySet().forEach(s -> md.append(" --- |"));
        md.append('\n');
        for (BadCases.Case c : cases) {
            md.append("| ").append(c.name().replace("|", "\\|")).append(" |");
            for (String service : INPUTS.keySet()) {
                char[] l = letters.get(c.name() + "|" + service);
                md.append(' ').append(l == null ? "" : new String(l)).append(" |");
            }
            md.append('\n');
        }
        md.append("\nCounted drops during the corpus (`streammesh_records_dropped_total`, both instances):");
        for (String service : instances.keySet()) {
            md.append(' ').append(service).append(' ').append(Math.round(droppedAfter.getOrDefault(service, 0.0)
                    - droppedBefore.getOrDefault(service, 0.0))).append(';');
        }
        md.append('\n');
        Files.writeString(Repo.target().resolve("bad-input-table.md"), md.toString());
        System.out.println(md);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " cases broke the contract:\n" + String.join("\n", violations));
        }
        return md.toString();
    }

    private static final List<String> ID_FIELDS = List.of("station_id", "customer_id", "job_id", "source_station_id",
            "dest_station_id", "id");

    /** The ids an output record carries: its key, the parts of a pair's key, its id fields (any case). */
    static Set<String> ids(String key, String value) {
        Set<String> ids = new java.util.HashSet<>();
        if (key != null) {
            ids.add(key);
            Matcher m = Pattern.compile("(bad-\\d+)").matcher(key);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        if (value != null) {
            try {
                JsonNode v = BadCases.tree(value);
                v.fields().forEachRemaining(f -> {
                    if (ID_FIELDS.contains(f.getKey().toLowerCase(java.util.Locale.ROOT)) && f.getValue().isValueNode()) {
                        ids.add(f.getValue().asText());
                    }
                });
            } catch (RuntimeException notJson) {
                // an output is the services' JSON; nothing to collect otherwise
            }
        }
        return ids;
    }

    /** Waits until every group has committed every input record (a transaction marker aside), twice in a row; bounded. */
    static void awaitProcessed(Admin admin, Set<String> services) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int stable = 0;
        String behind = "";
        while (System.nanoTime() < deadline) {
            behind = "";
            for (String service : services) {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(service).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                List<String> topics = committed.keySet().stream().map(TopicPartition::topic).distinct().toList();
                Map<TopicPartition, Long> ends = Recovery.ends(admin, topics);
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    org.apache.kafka.clients.consumer.OffsetAndMetadata c = committed.get(e.getKey());
                    long at = c == null ? 0 : c.offset();
                    if (at < e.getValue() - 1) {
                        behind = service + " at " + e.getKey() + " " + at + " < " + e.getValue();
                    }
                }
            }
            stable = behind.isEmpty() ? stable + 1 : 0;
            if (stable >= 2) {
                return;
            }
            Sleep.millis(1_000);
        }
        throw new AssertionError("the services did not process the corpus within 120 s: " + behind);
    }

    private static final Pattern DROPPED = Pattern.compile("^streammesh_records_dropped_total\\{([^}]*)\\} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    /** streammesh_records_dropped_total per service, summed over its instances and reasons. */
    static Map<String, Double> dropped(Map<String, List<ServiceProcess>> instances) {
        Map<String, Double> total = new LinkedHashMap<>();
        instances.forEach((service, list) -> {
            double sum = 0;
            for (ServiceProcess p : list) {
                Matcher m = DROPPED.matcher(p.get("/metrics"));
                while (m.find()) {
                    sum += Double.parseDouble(m.group(2));
                }
            }
            total.put(service, sum);
        });
        return total;
    }
}
