package id.betang.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * What live dialogues cost: opens N at once (each phone dials and gets its first screen, then says nothing
 * more, so the gateway keeps the dialogue until its TTL), then weighs the gateway's Redis keys with
 * {@code MEMORY USAGE} and reads the gateway's resident set from /proc.
 */
final class LiveSessions {

    /**
     * @param sessionKeys keys holding a dialogue ({@code …ussd:session:…}) and their bytes
     * @param allKeys     every key under the gateway's prefix (sessions, rate limits, last answers…) and their bytes
     */
    record Footprint(long sessionKeys, long sessionBytes, long allKeys, long allBytes) {
        long bytesPerSessionKey() {
            return sessionKeys == 0 ? 0 : sessionBytes / sessionKeys;
        }
    }

    private LiveSessions() {
    }

    /** Dials *777# from n phones nobody used in this run, {@code parallel} at a time; returns how many got a screen. */
    static int open(SmscSimulator smsc, int n, int parallel) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Boolean>> dialled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SimulatedPhone phone = smsc.phone("62815%08d".formatted(i));
                dialled.add(pool.submit(() -> {
                    try {
                        return phone.dial("*777#") != null;
                    } catch (IOException e) {
                        return false;
                    }
                }));
            }
            int opened = 0;
            for (Future<Boolean> f : dialled) {
                try {
                    opened += f.get() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    // counted as not opened
                }
            }
            return opened;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    static Footprint weigh(String redisUrl, String prefix) {
        long[] sums = new long[4]; // session keys, their bytes, all keys, their bytes
        eachPage(redisUrl, prefix, (redis, keys) -> {
            for (String key : keys) {
                Long bytes = redis.memoryUsage(key);
                long b = bytes == null ? 0 : bytes;
                sums[2]++;
                sums[3] += b;
                if (key.startsWith(prefix + "ussd:session:")) {
                    sums[0]++;
                    sums[1] += b;
                }
            }
        });
        return new Footprint(sums[0], sums[1], sums[2], sums[3]);
    }

    /** Leaves the shared Redis as it was: every key of the bench's prefix goes. */
    static void forget(String redisUrl, String prefix) {
        eachPage(redisUrl, prefix, (redis, keys) -> redis.unlink(keys.toArray(new String[0])));
    }

    /** SCAN over the prefix's keys, a page at a time (never KEYS: the Redis is shared). */
    private static void eachPage(String redisUrl, String prefix,
                                 BiConsumer<RedisCommands<String, String>, List<String>> onPage) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    onPage.accept(redis, page.getKeys());
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    /** VmRSS of a process, in kB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
