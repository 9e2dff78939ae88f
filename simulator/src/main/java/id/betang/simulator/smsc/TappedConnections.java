package id.betang.simulator.smsc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnectionFactory;

/**
 * jSMPP's plain server sockets, with each accepted connection remembered by remote port, so the
 * simulator can write bytes no well-behaved SMSC would (the {@code garble-pdu} misbehaviour).
 */
final class TappedConnections implements ServerConnectionFactory {

    private final ServerSocketConnectionFactory plain = new ServerSocketConnectionFactory();
    private final Map<Integer, Connection> byRemotePort = new ConcurrentHashMap<>();

    @Override
    public ServerConnection listen(int port) throws IOException {
        return tap(plain.listen(port));
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return tap(plain.listen(port, timeout));
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        return tap(plain.listen(port, timeout, backlog));
    }

    /**
     * Writes raw bytes on the connection from {@code remotePort}, between whole PDUs: jSMPP's sender
     * synchronises on the same stream.
     */
    void writeRaw(int remotePort, byte[] bytes) throws IOException {
        Connection connection = byRemotePort.get(remotePort);
        if (connection == null) {
            throw new IOException("no connection from port " + remotePort);
        }
        OutputStream out = connection.getOutputStream();
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private ServerConnection tap(ServerConnection server) {
        return new ServerConnection() {
            @Override
            public Connection accept() throws IOException {
                Connection c = server.accept();
                byRemotePort.put(c.getPort(), c);
                return c;
            }

            @Override
            public void setSoTimeout(int timeout) throws IOException {
                server.setSoTimeout(timeout);
            }

            @Override
            public int getSoTimeout() throws IOException {
                return server.getSoTimeout();
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }
}
