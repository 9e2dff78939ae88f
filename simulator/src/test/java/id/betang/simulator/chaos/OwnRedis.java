package id.betang.simulator.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import id.betang.simulator.Ports;

/** The suite's own {@code redis-server} on a free port, keeping nothing on disk: a restart starts it empty. */
final class OwnRedis implements AutoCloseable {

    private final OwnServer server;

    private OwnRedis(OwnServer server) {
        this.server = server;
    }

    static OwnRedis start(Path folder) throws IOException, InterruptedException {
        int port = Ports.free();
        return new OwnRedis(new OwnServer("redis-server", List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder.toString()), port,
                folder.resolve("redis.log")).start());
    }

    String url() {
        return "redis://127.0.0.1:" + server.port() + "/0";
    }

    void stop() throws InterruptedException {
        server.stop();
    }

    void startAgain() throws IOException, InterruptedException {
        server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
