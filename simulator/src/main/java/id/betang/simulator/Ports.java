package id.betang.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports for the simulator's servers and the tests that start them. */
public final class Ports {

    private Ports() {
    }

    /** A port free right now (another process could take it before it is used; good enough locally). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
