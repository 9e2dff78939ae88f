package id.betang.simulator.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.RedisServer;

/**
 * The compose scale profile's one-shot {@code redis-cluster/create.sh}, run as compose would run it (sh, the
 * password in REDISCLI_AUTH) against six password-protected {@code redis-server --cluster-enabled yes} of the
 * test's own on free loopback ports, named by host name as compose names its nodes: the six become one cluster
 * of 3 masters and 3 replicas, and a second run (a second {@code up}) leaves it as it is.
 */
class RedisClusterCreateIT {

    static final String PASSWORD = "c1u5ter-test-pw";
    final List<RedisServer> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (RedisServer node : nodes) {
            node.kill();
        }
    }

    @Test
    void theScriptMakesSixNodesOneClusterOfThreeMastersAndThreeReplicasOnce() throws Exception {
        for (int i = 1; i <= 6; i++) {
            nodes.add(RedisServer.start("compose-cluster-" + i, "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf", "--cluster-port", String.valueOf(freePort()),
                    "--cluster-node-timeout", "5000", "--requirepass", PASSWORD, "--masterauth", PASSWORD));
        }
        String list = nodes.stream().map(n -> "localhost:" + n.port()).collect(Collectors.joining(" "));

        Result first = script(list);
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("All 16384 slots covered"), first.output());
        assertTrue(first.output().strip().endsWith("redis cluster ok"), first.output());
        await("3 masters and 3 replicas").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> roles().equals(List.of("master", "master", "master", "slave", "slave", "slave")));

        Result again = script(list);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already created"), again.output());
        assertEquals(List.of("master", "master", "master", "slave", "slave", "slave"), roles());
    }

    record Result(int exit, String output) {
    }

    static Result script(String nodeList) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh",
                DockerFilesTest.DOCKER.resolve("redis-cluster/create.sh").toString()).redirectErrorStream(true);
        builder.environment().put("REDIS_CLUSTER_NODES", nodeList);
        builder.environment().put("REDISCLI_AUTH", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("\u001b\\[[0-9;]*m", "");
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }

    /** Every node's own role (INFO replication), sorted. */
    List<String> roles() throws IOException, InterruptedException {
        List<String> roles = new ArrayList<>();
        for (RedisServer node : nodes) {
            ProcessBuilder builder = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(node.port()),
                    "INFO", "replication").redirectErrorStream(true);
            builder.environment().put("REDISCLI_AUTH", PASSWORD);
            Process process = builder.start();
            String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            info.lines().filter(l -> l.startsWith("role:")).map(l -> l.substring(5).strip()).forEach(roles::add);
        }
        return roles.stream().sorted().toList();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
