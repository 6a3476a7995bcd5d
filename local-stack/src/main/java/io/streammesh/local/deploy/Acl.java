package io.streammesh.local.deploy;

import java.util.Comparator;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One ALLOW rule for one principal of the suite, in Kafka's own terms, so the same rule can be
 * written into Terraform ({@code confluent_kafka_acl}) and applied to a local broker in a test.
 *
 * @param principal the {@link Principal#name()} it is granted to (the Terraform service account key)
 */
public record Acl(String principal, ResourceType resourceType, String resourceName, PatternType patternType,
                  AclOperation operation) implements Comparable<Acl> {

    /** The one name a CLUSTER resource has, on Apache Kafka and on Confluent Cloud. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    private static final Comparator<Acl> ORDER = Comparator.comparing(Acl::principal)
            .thenComparing(Acl::resourceType).thenComparing(Acl::patternType).thenComparing(Acl::resourceName)
            .thenComparing(Acl::operation);

    /** A stable, unique key: the Terraform resource address suffix of this rule. */
    public String key() {
        return principal + "/" + resourceType + "/" + patternType + "/" + resourceName + "/" + operation;
    }

    /** This rule for a concrete Kafka principal such as {@code User:sa-abc123}. */
    public AclBinding toBinding(String kafkaPrincipal) {
        return new AclBinding(new ResourcePattern(resourceType, resourceName, patternType),
                new AccessControlEntry(kafkaPrincipal, "*", operation, AclPermissionType.ALLOW));
    }

    @Override
    public int compareTo(Acl other) {
        return ORDER.compare(this, other);
    }
}
