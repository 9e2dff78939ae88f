package id.betang.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Redis Sentinel of the test's own: a primary, two replicas and three sentinels (quorum 2) on free loopback
 * ports. A primary silent for 2 s is called down and a replica promoted. {@link #close()} stops every process.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String PRIMARY = "betang";

    private final List<RedisServer> servers = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinels() {
    }

    public static RedisSentinels start(String name) throws Exception {
        RedisSentinels set = new RedisSentinels();
        try {
            RedisServer primary = RedisServer.start(name + "-primary");
            set.servers.add(primary);
            for (int i = 1; i <= 2; i++) {
                set.servers.add(RedisServer.start(name + "-replica" + i, "--replicaof", "127.0.0.1",
                        String.valueOf(primary.port())));
            }
            await("both replicas in sync").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> primary.replicasCaughtUp(2));
            for (int i = 1; i <= 3; i++) {
                set.sentinels.add(RedisServer.sentinel(name + "-sentinel" + i, primary.port(), PRIMARY));
            }
            await("every sentinel knows the others and both replicas").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(set::watching);
            return set;
        } catch (Exception | Error e) {
            set.close();
            throw e;
        }
    }

    /** Lettuce's Sentinel URL: every sentinel, and the primary's name. */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .collect(Collectors.joining(",")) + "/0#" + PRIMARY;
    }

    /** The server the sentinels name as primary now. */
    public RedisServer primary() throws IOException, InterruptedException {
        String[] address = sentinels.stream().filter(RedisServer::alive).findFirst().orElseThrow()
                .cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", PRIMARY).strip().split("\r?\n");
        int port = Integer.parseInt(address[address.length - 1].strip());
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    private boolean watching() throws IOException, InterruptedException {
        for (RedisServer sentinel : sentinels) {
            String[] fields = sentinel.cli("SENTINEL", "MASTER", PRIMARY).strip().split("\r?\n");
            java.util.Map<String, String> master = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.length; i += 2) {
                master.put(fields[i].strip(), fields[i + 1].strip());
            }
            if (!"2".equals(master.get("num-other-sentinels")) || !"2".equals(master.get("num-slaves"))
                    || !"master".equals(master.get("flags"))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        List<RedisServer> all = new ArrayList<>(sentinels);
        all.addAll(servers);
        for (RedisServer server : all) {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
