package id.betang.simulator.chaos;

import java.io.IOException;
import java.nio.file.Path;

import id.betang.gateway.testing.RedisServer;

/**
 * The suite's own {@code redis-server} on a free port, keeping nothing on disk: a restart starts it empty.
 * The gateway tests' {@link RedisServer}, so there is one way to run a redis-server of our own.
 */
final class OwnRedis implements AutoCloseable {

    private final RedisServer server;

    private OwnRedis(RedisServer server) {
        this.server = server;
    }

    static OwnRedis start(Path folder) throws IOException, InterruptedException {
        return new OwnRedis(RedisServer.in(folder, false));
    }

    String url() {
        return "redis://127.0.0.1:" + server.port() + "/0";
    }

    void stop() throws InterruptedException {
        server.stop();
    }

    void startAgain() throws IOException, InterruptedException {
        server.restart();
    }

    @Override
    public void close() {
        try {
            server.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
