package id.betang.simulator.smsc;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.session.connection.socket.ServerSocketConnectionFactory;

/**
 * jSMPP's plain server sockets, with each accepted connection remembered by remote port, so the
 * simulator can write bytes no well-behaved SMSC would (the {@code garble-pdu} misbehaviour), and with
 * both directions of every connection cut into whole PDUs for the {@link WireTap} (the session log).
 */
final class TappedConnections implements ServerConnectionFactory {

    private final ServerConnectionFactory sockets;
    private final Map<Integer, Connection> byRemotePort = new ConcurrentHashMap<>();
    private final WireTap tap;

    /** @param tls null for plain TCP, else the TLS listener's key and certificate */
    TappedConnections(WireTap tap, javax.net.ssl.SSLContext tls) {
        this.tap = tap;
        this.sockets = tls == null ? new ServerSocketConnectionFactory() : new TlsListener(tls);
    }

    /** A TLS server socket: what an SMSC that speaks SMPP over TLS listens on. */
    private record TlsListener(javax.net.ssl.SSLContext context) implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return new ServerSocketConnection(context.getServerSocketFactory().createServerSocket(port));
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            ServerConnection c = listen(port);
            c.setSoTimeout(timeout);
            return c;
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerConnection c = new ServerSocketConnection(context.getServerSocketFactory().createServerSocket(port, backlog));
            c.setSoTimeout(timeout);
            return c;
        }
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return tap(sockets.listen(port));
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return tap(sockets.listen(port, timeout));
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        return tap(sockets.listen(port, timeout, backlog));
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
                Connection c = new Tapped(server.accept());
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

    /**
     * One connection whose streams feed the tap. jSMPP synchronises its writes on the output stream it gets,
     * so this hands out the same one every time.
     */
    private final class Tapped implements Connection {

        private final Connection plain;
        private final InputStream in;
        private final OutputStream out;

        Tapped(Connection plain) {
            this.plain = plain;
            int link = plain.getPort();
            PduFramer incoming = new PduFramer(pdu -> tap.pdu(link, Pdu.Direction.OUT, pdu));
            PduFramer outgoing = new PduFramer(pdu -> tap.pdu(link, Pdu.Direction.IN, pdu));
            this.in = new FilterInputStream(plain.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        incoming.accept(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        incoming.accept(b, off, n);
                    }
                    return n;
                }
            };
            this.out = new FilterOutputStream(plain.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    super.out.write(b);
                    outgoing.accept(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    super.out.write(b, off, len);
                    outgoing.accept(b, off, len);
                }
            };
        }

        @Override
        public boolean isOpen() {
            return plain.isOpen();
        }

        @Override
        public InetAddress getInetAddress() {
            return plain.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return plain.getLocalAddress();
        }

        @Override
        public int getPort() {
            return plain.getPort();
        }

        @Override
        public int getLocalPort() {
            return plain.getLocalPort();
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setSoTimeout(int timeout) throws IOException {
            plain.setSoTimeout(timeout);
        }

        @Override
        public void close() throws IOException {
            byRemotePort.remove(getPort(), this);
            plain.close();
        }
    }
}
