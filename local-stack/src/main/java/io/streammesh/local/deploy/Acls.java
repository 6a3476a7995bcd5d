package io.streammesh.local.deploy;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.CLUSTER;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The least privilege each principal needs, derived only from what it reads and writes:
 *
 * <table>
 *   <caption>ACLs per kind of principal</caption>
 *   <tr><th>resource</th><th>Streams service</th><th>producer</th><th>sink</th></tr>
 *   <tr><td>topics it reads (literal)</td><td>READ</td><td>-</td><td>READ</td></tr>
 *   <tr><td>topics it writes, its dead-letter topic included (literal)</td><td>WRITE</td><td>WRITE</td><td>WRITE</td></tr>
 *   <tr><td>group {@code <application.id>} (literal)</td><td>READ</td><td>-</td><td>READ</td></tr>
 *   <tr><td>topics {@code <application.id>-} (prefixed): changelogs, repartition topics</td>
 *       <td>CREATE, DELETE, DESCRIBE, DESCRIBE_CONFIGS, READ, WRITE</td><td>-</td><td>-</td></tr>
 *   <tr><td>transactional ids {@code <application.id>-} (prefixed): exactly_once_v2</td><td>WRITE, DESCRIBE</td><td>-</td><td>-</td></tr>
 *   <tr><td>cluster</td><td>IDEMPOTENT_WRITE</td><td>IDEMPOTENT_WRITE</td><td>IDEMPOTENT_WRITE</td></tr>
 * </table>
 *
 * <p>READ and WRITE imply DESCRIBE on a topic, which is all the runtime's start-up check (list and
 * describe its topics) needs; it never creates a spec topic on Confluent Cloud (Terraform does).
 * DELETE on the internal prefix is for Kafka Streams purging consumed repartition records.
 */
public final class Acls {

    static final List<AclOperation> INTERNAL_TOPIC_OPERATIONS = List.of(CREATE, DELETE, DESCRIBE, DESCRIBE_CONFIGS, READ, WRITE);
    static final List<AclOperation> TRANSACTION_OPERATIONS = List.of(WRITE, DESCRIBE);

    private Acls() {
    }

    public static SortedSet<Acl> of(Principal p) {
        SortedSet<Acl> acls = new TreeSet<>();
        for (String topic : p.reads()) {
            acls.add(new Acl(p.name(), TOPIC, topic, LITERAL, READ));
        }
        for (String topic : p.writes()) {
            acls.add(new Acl(p.name(), TOPIC, topic, LITERAL, WRITE));
        }
        if (p.kind() != Principal.Kind.PRODUCER) {
            acls.add(new Acl(p.name(), GROUP, p.applicationId(), LITERAL, READ));
        }
        if (p.kind() == Principal.Kind.STREAMS) {
            for (AclOperation op : INTERNAL_TOPIC_OPERATIONS) {
                acls.add(new Acl(p.name(), TOPIC, p.internalTopicPrefix(), PREFIXED, op));
            }
            for (AclOperation op : TRANSACTION_OPERATIONS) {
                acls.add(new Acl(p.name(), TRANSACTIONAL_ID, p.applicationId() + "-", PREFIXED, op));
            }
        }
        if (!p.writes().isEmpty()) {
            acls.add(new Acl(p.name(), CLUSTER, Acl.CLUSTER_NAME, LITERAL, IDEMPOTENT_WRITE));
        }
        return acls;
    }
}
