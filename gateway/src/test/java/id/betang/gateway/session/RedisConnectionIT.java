package id.betang.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.testing.RedisServer;

/**
 * Redis AUTH and TLS from the URL alone, against redis-servers of the test's own: {@code redis://:pw@…} with
 * {@code requirepass}, {@code rediss://…} with a self-signed certificate as the CA file.
 */
class RedisConnectionIT {

    static final String PASSWORD = "c41e9a07f2d85b63e1a4";

    @Test
    void aPasswordInTheUrlAuthenticates() throws Exception {
        try (RedisServer server = RedisServer.start("auth", "--requirepass", PASSWORD)) {
            try (RedisConnection redis = RedisConnection.open(config("redis://:" + PASSWORD + "@127.0.0.1:"
                    + server.port() + "/0", ""))) {
                assertEquals(true, redis.ping().await(10, TimeUnit.SECONDS));
            }
            try (RedisConnection named = RedisConnection.open(config("redis://default:" + PASSWORD + "@127.0.0.1:"
                    + server.port() + "/0", ""))) {
                assertEquals(true, named.ping().await(10, TimeUnit.SECONDS), "user:password (ACL) form");
            }
            RuntimeException refused = assertThrows(RuntimeException.class, () -> RedisConnection.open(
                    config("redis://:wrong-password-0000@127.0.0.1:" + server.port() + "/0", "")).close());
            assertFalse(String.valueOf(refused.getMessage()).contains("wrong-password-0000"),
                    "the refusal does not repeat the password: " + refused.getMessage());
        }
    }

    @Test
    void rediss_withTheServersCaFileSpeaksTls() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "redis-tls-cert").toAbsolutePath());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(0, openssl.waitFor(), "openssl made the certificate");
        try (RedisServer server = RedisServer.start("tls", true, "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no",
                "--requirepass", PASSWORD)) {
            try (RedisConnection redis = RedisConnection.open(config("rediss://:" + PASSWORD + "@127.0.0.1:"
                    + server.port() + "/0", cert.toString()))) {
                assertEquals(true, redis.ping().await(10, TimeUnit.SECONDS));
            }
            assertThrows(RuntimeException.class, () -> RedisConnection.open(config("rediss://:" + PASSWORD
                    + "@127.0.0.1:" + server.port() + "/0", "")).close(), "a certificate no trusted CA signed");
        }
    }

    static GatewayConfig.Redis config(String url, String caFile) {
        return new GatewayConfig.Redis(URI.create(url), "test:redisconnection:", caFile);
    }
}
