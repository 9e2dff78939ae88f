package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * SMPP over TLS, proven against a TLS listener: the simulator serves a self-signed certificate this test makes
 * with the JDK's keytool; the gateway jar binds over TLS when its configured CA file trusts that certificate and
 * the certificate names the host it dials, and refuses the bind with a log line saying which check failed when
 * either is wrong (an unknown CA, another name). /ready says the bind is down, with the reason, meanwhile.
 */
class SmppTlsIT {

    static final String PASSWORD = "changeit-tls";
    @TempDir
    static Path dir;
    static String mysqlUrl;

    @BeforeAll
    static void certificates() throws Exception {
        selfSigned("good", "SAN=dns:localhost,ip:127.0.0.1");
        selfSigned("stranger", "SAN=dns:localhost,ip:127.0.0.1");
        selfSigned("othername", "SAN=dns:smsc.example.org");
        mysqlUrl = TestStorage.freshDatabase("smpptls");
    }

    @AfterAll
    static void drop() {
        TestStorage.dropDatabase(mysqlUrl);
    }

    static void selfSigned(String name, String san) throws Exception {
        keytool("-genkeypair", "-alias", "smsc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", san, "-validity", "2", "-keystore", name + ".p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "smsc", "-keystore", name + ".p12", "-storepass", PASSWORD,
                "-file", name + ".pem");
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    static SSLContext serverContext(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A TLS simulator serving {@code certificate}, and the gateway jar trusting {@code caFile}, both started. */
    record Pair(SmscSimulator smsc, GatewayProcess gateway) implements AutoCloseable {
        static Pair start(String name, String certificate, String caFile) throws Exception {
            SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())
                    .withTls(serverContext(certificate))).start();
            Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                    TestStorage.freshRedisPrefix(name));
            env.put("BETANG_SMPP_TLS", "true");
            env.put("BETANG_SMPP_CA_FILE", dir.resolve(caFile + ".pem").toString());
            try {
                return new Pair(smsc, GatewayProcess.start(name, env));
            } catch (Exception e) {
                smsc.close();
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                gateway.close();
            } finally {
                smsc.close();
            }
        }
    }

    @Test
    void bindsOverTlsWhenTheCertificateIsTrustedAndNamesTheHost() throws Exception {
        try (Pair p = Pair.start("tls-good", "good", "good")) {
            p.gateway().awaitReady(Duration.ofSeconds(90));
            assertTrue(p.gateway().output().contains("over TLS"), p.gateway().output());
            assertTrue(p.smsc().phone("6281234567890").dial("*777#").text().startsWith("Kartu Huma Betang Sejahtera"),
                    "a dialogue over the TLS bind");
        }
    }

    @Test
    void aCertificateFromAnotherCaRefusesTheBindSayingSo() throws Exception {
        try (Pair p = Pair.start("tls-stranger", "stranger", "good")) {
            refused(p, "unable to find valid certification path");
        }
    }

    @Test
    void aCertificateForAnotherNameRefusesTheBindSayingSo() throws Exception {
        try (Pair p = Pair.start("tls-othername", "othername", "othername")) {
            refused(p, "No subject alternative names matching IP address 127.0.0.1");
        }
    }

    static void refused(Pair p, String why) throws Exception {
        String line = "TLS handshake with 127.0.0.1:" + p.smsc().port() + " refused";
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> p.gateway().output().contains(line));
        String log = p.gateway().output();
        assertTrue(log.contains(why), log);
        assertTrue(log.contains("check smpp.ca_file and smpp.host"), "says what to check: " + log);
        // once warmed up and listening, /ready names the bind's problem
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> p.gateway().get("/ready", GatewayProcess.API_TOKEN).body().contains("TLS handshake"));
        assertEquals(503, p.gateway().get("/ready").statusCode());
        assertTrue(p.smsc().boundSessions().isEmpty(), "nothing bound");
    }
}
