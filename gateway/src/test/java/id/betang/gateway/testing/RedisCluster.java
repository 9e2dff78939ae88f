package id.betang.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of the test's own: 3 masters and 3 replicas, {@code redis-server --cluster-enabled yes} on free
 * loopback ports, joined by {@code redis-cli --cluster create … --cluster-replicas 1}. A master is called failed
 * after 4 s without an answer, and its replica takes over. Every process is stopped by {@link #close()}.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start(String name) throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServer.start(name + "-" + i, "--cluster-enabled", "yes",
                        "--cluster-port", String.valueOf(RedisServer.freePort()),
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "4000"));
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String out = RedisServer.redisCli(create);
            if (!out.contains("All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create: " + out);
            }
            await("every node sees the cluster up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> cluster.settled(3));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Lettuce's seed list: every node, comma-separated. */
    public String url() {
        return nodes.stream().map(n -> "redis://127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The live node that serves {@code key}'s slot now. */
    public RedisServer masterOf(String key) throws IOException, InterruptedException {
        RedisServer any = live().get(0);
        int slot = Integer.parseInt(any.cli("CLUSTER", "KEYSLOT", key).strip());
        for (String line : any.cli("CLUSTER", "NODES").split("\r?\n")) {
            String[] f = line.split(" ");
            if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return byPort(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** Whether every live node says the cluster is OK, and {@code replicated} masters' replicas have all they wrote. */
    public boolean settled(int replicated) throws IOException, InterruptedException {
        int caughtUp = 0;
        for (RedisServer node : live()) {
            if (!node.cli("CLUSTER", "INFO").contains("cluster_state:ok")) {
                return false;
            }
            if (node.info("replication", "role").equals("master") && node.replicasCaughtUp(1)) {
                caughtUp++;
            }
        }
        return caughtUp >= replicated;
    }

    private List<RedisServer> live() {
        return nodes.stream().filter(RedisServer::alive).toList();
    }

    private RedisServer byPort(int port) {
        Optional<RedisServer> node = nodes.stream().filter(n -> n.port() == port).findFirst();
        return node.orElseThrow(() -> new IllegalStateException("not a node of this cluster: " + port));
    }

    @Override
    public void close() {
        for (RedisServer node : nodes) {
            try {
                node.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
