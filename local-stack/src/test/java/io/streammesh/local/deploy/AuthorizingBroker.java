package io.streammesh.local.deploy;

import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/**
 * A broker that, like Confluent Cloud, authenticates every client (SASL/PLAIN on its SASL listener)
 * and allows each principal only its ACLs (deny unless allowed). Its PLAINTEXT listener is the
 * anonymous administrator's (a super user) and the broker's own.
 */
record AuthorizingBroker(EmbeddedKafkaBroker broker, int saslPort, int saslSslPort) implements AutoCloseable {

    /** {@code users}: principal name -> password; {@code dataDir} null for a temporary one. */
    static AuthorizingBroker start(Map<String, String> users, Path dataDir) {
        return start(users, dataDir, null);
    }

    /**
     * With {@code tls}, a third listener serves SASL_SSL (TLS with the broker key pair {@code tls} signed,
     * then the same SASL/PLAIN login), as Confluent Cloud does; {@code saslSslPort} is 0 without it.
     */
    static AuthorizingBroker start(Map<String, String> users, Path dataDir, TestCa tls) {
        int plainPort = EmbeddedKafkaBroker.freePort();
        int controllerPort = EmbeddedKafkaBroker.freePort();
        int saslPort = EmbeddedKafkaBroker.freePort();
        int saslSslPort = tls == null ? 0 : EmbeddedKafkaBroker.freePort();
        String sslListener = tls == null ? "" : ",SASL_SSL://localhost:" + saslSslPort;
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        jaas.append(';');
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(plainPort)
                .asProcess(true)
                .property("listeners", "PLAINTEXT://localhost:" + plainPort + ",SASL://localhost:" + saslPort + sslListener
                        + ",CONTROLLER://localhost:" + controllerPort)
                .property("advertised.listeners", "PLAINTEXT://localhost:" + plainPort + ",SASL://localhost:" + saslPort + sslListener)
                .property("controller.quorum.voters", "1@localhost:" + controllerPort)
                .property("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (tls == null ? "" : ",SASL_SSL:SASL_SSL"))
                .property("sasl.enabled.mechanisms", "PLAIN")
                .property("listener.name.sasl.sasl.enabled.mechanisms", "PLAIN")
                .property("listener.name.sasl.plain.sasl.jaas.config", jaas.toString())
                .property("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .property("allow.everyone.if.no.acl.found", "false")
                .property("super.users", "User:ANONYMOUS");
        if (tls != null) {
            builder.property("listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN")
                    .property("listener.name.sasl_ssl.plain.sasl.jaas.config", jaas.toString())
                    .property("listener.name.sasl_ssl.ssl.keystore.location", tls.brokerKeystore().toString())
                    .property("listener.name.sasl_ssl.ssl.keystore.password", tls.password())
                    .property("listener.name.sasl_ssl.ssl.key.password", tls.password())
                    .property("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        return new AuthorizingBroker(builder.start(), saslPort, saslSslPort);
    }

    @Override
    public void close() {
        broker.close();
    }
}
