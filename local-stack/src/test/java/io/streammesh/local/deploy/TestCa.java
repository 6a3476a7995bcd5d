package io.streammesh.local.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A certificate authority made for one test run with the JDK's {@code keytool}, and a broker key pair
 * it signed for {@code localhost} / {@code 127.0.0.1}: what a client needs to trust the broker
 * ({@code truststore}, the CA's certificate only) and what the broker serves TLS with
 * ({@code brokerKeystore}). Both PKCS12, protected by {@code password}. A self-made CA rather than a
 * file in the repository, so no key that could ever be trusted elsewhere is checked in.
 */
record TestCa(Path truststore, Path brokerKeystore, String password) {

    /** Generates the CA and the broker's key pair in {@code dir} (about eight keytool runs). */
    static TestCa generate(Path dir, String password) throws Exception {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        Path caCert = dir.resolve("ca.pem");
        Path truststore = dir.resolve("truststore.p12");
        Path broker = dir.resolve("broker.p12");
        Path csr = dir.resolve("broker.csr");
        Path brokerCert = dir.resolve("broker.pem");
        // EC keys: generated in milliseconds where RSA takes a noticeable part of a second on a busy machine
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=streammesh test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca, "-storetype", "PKCS12", "-storepass", password);
        keytool(dir, "-exportcert", "-alias", "ca", "-keystore", ca, "-storepass", password, "-rfc", "-file", caCert);
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", truststore, "-storetype", "PKCS12",
                "-storepass", password);
        keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", broker, "-storetype", "PKCS12", "-storepass", password);
        keytool(dir, "-certreq", "-alias", "broker", "-keystore", broker, "-storepass", password, "-file", csr);
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", ca, "-storepass", password, "-infile", csr, "-outfile", brokerCert,
                "-rfc", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        // the chain: the CA first, then the signed certificate replaces the self-signed one under the key's alias
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", broker, "-storepass", password);
        keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", brokerCert, "-keystore", broker, "-storepass", password);
        return new TestCa(truststore, broker, password);
    }

    /** What a client sets to trust the broker, as with any private CA (Confluent Cloud's is in the JVM's default truststore). */
    Map<String, String> clientProperties() {
        return Map.of("ssl.truststore.location", truststore.toString(), "ssl.truststore.password", password,
                "ssl.truststore.type", "PKCS12");
    }

    private static void keytool(Path dir, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        for (Object a : args) {
            command.add(a.toString());
        }
        Tools.Result r = Tools.run(dir, Map.of(), command, 60);
        if (r.exitCode() != 0) {
            // the output holds no password: keytool does not echo -storepass
            throw new IllegalStateException("keytool " + args[0] + " failed (" + r.exitCode() + "): " + r.output());
        }
    }
}
