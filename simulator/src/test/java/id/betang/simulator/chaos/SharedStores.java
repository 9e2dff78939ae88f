package id.betang.simulator.chaos;

import id.betang.gateway.testing.GaleraCluster;
import id.betang.gateway.testing.RedisCluster;
import id.betang.gateway.testing.RedisSentinels;

/**
 * The distributed stores the scale suite's instances share, started as the gateway tests start theirs (own
 * processes on free loopback ports): a 3-node Galera cluster, and a 6-node Redis Cluster or a Sentinel set (a
 * primary, two replicas, three sentinels). Each can lose a node to {@code kill -9}. {@link #close()} stops
 * every process (the server classes also do on JVM exit).
 */
final class SharedStores implements AutoCloseable {

    /** Kills the Redis primary that holds a key. */
    @FunctionalInterface
    private interface PrimaryKill {
        void of(String key) throws Exception;
    }

    /** How the instances reach Redis, how its primary is lost, and how it is stopped. */
    private record Redis(String url, PrimaryKill killPrimary, Runnable close) {
    }

    final String redisMode;
    private final GaleraCluster galera;
    private final Redis redis;

    private SharedStores(String redisMode, GaleraCluster galera, Redis redis) {
        this.redisMode = redisMode;
        this.galera = galera;
        this.redis = redis;
    }

    /** @param sentinel Redis Sentinel instead of a Redis Cluster */
    static SharedStores start(boolean sentinel) throws Exception {
        Redis redis = sentinel ? sentinels() : cluster();
        try {
            return new SharedStores(sentinel ? "sentinel" : "cluster", GaleraCluster.start(3), redis);
        } catch (Exception | Error e) {
            redis.close().run();
            throw e;
        }
    }

    private static Redis cluster() throws Exception {
        RedisCluster cluster = RedisCluster.start("scale-cluster");
        return new Redis(cluster.url(), key -> cluster.masterOf(key).kill(), cluster::close);
    }

    private static Redis sentinels() throws Exception {
        RedisSentinels set = RedisSentinels.start("scale-sentinel");
        return new Redis(set.url(), key -> set.primary().kill(), set::close);
    }

    /** A new, empty database on the cluster; returns the failover URL an operator would configure. */
    String freshDatabase(String name) throws Exception {
        galera.execute(0, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return galera.failoverUrl(name);
    }

    String redisUrl() {
        return redis.url();
    }

    /** {@code kill -9} of the Redis primary that holds {@code key} (Cluster: its slot's master; Sentinel: the one). */
    void killRedisPrimary(String key) throws Exception {
        redis.killPrimary().of(key);
    }

    /** {@code kill -9} of the Galera node the failover URL names first: the one the instances write to. */
    void killGaleraNode() throws InterruptedException {
        galera.kill(0);
    }

    @Override
    public void close() {
        try {
            redis.close().run();
        } finally {
            galera.close();
        }
    }
}
