package id.betang.simulator.it.fuzz;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMSC end of the gateway's bind, byte for byte, so that anything can be sent and what the gateway
 * answers is seen exactly as it came. One bind at a time: it accepts bind_transceiver, answers
 * enquire_link, submit_sm and unbind by itself, and hands every response to {@link #exchange}.
 */
final class RawSmsc implements AutoCloseable {

    static final int GENERIC_NACK = 0x80000000;
    static final int DELIVER_SM_RESP = 0x80000005;

    /** A PDU as the gateway wrote it. */
    record Pdu(int commandId, int status, int sequence, byte[] body) {
        @Override
        public String toString() {
            return String.format("id=0x%08x status=0x%x seq=%d body=%s", commandId, status, sequence,
                    HexFormat.of().formatHex(body));
        }
    }

    /** What came back for one PDU sent: its response, or the link went down first, or nothing came. */
    record Answer(Optional<Pdu> response, boolean linkLost) {
        static final Answer LOST = new Answer(Optional.empty(), true);
        static final Answer NONE = new Answer(Optional.empty(), false);
    }

    private static final Pdu LINK_LOST = new Pdu(0, 0, 0, new byte[0]);

    private final ServerSocket server;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger linksLost = new AtomicInteger();
    /** Destinations of the USSD screens the gateway submitted. */
    private final Set<String> ussdAnswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger smsSubmitted = new AtomicInteger();
    private volatile Link link;

    RawSmsc() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    int binds() {
        return binds.get();
    }

    int linksLost() {
        return linksLost.get();
    }

    boolean answeredUssd(String msisdn) {
        return ussdAnswered.contains(msisdn);
    }

    int smsSubmitted() {
        return smsSubmitted.get();
    }

    boolean bound() {
        Link l = link;
        return l != null && l.open;
    }

    /** Waits for the gateway to connect and bind, and accepts the bind. */
    void acceptBind(Duration within) throws IOException {
        server.setSoTimeout((int) within.toMillis());
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Link l = new Link(socket);
        Pdu bind = l.readPdu();
        if (bind.commandId() != 0x00000009) {
            socket.close();
            throw new IOException("expected bind_transceiver, got " + bind);
        }
        l.write(0x80000009, 0, bind.sequence(), "fuzz\0".getBytes(StandardCharsets.US_ASCII));
        binds.incrementAndGet();
        link = l;
        Thread reader = new Thread(l::readUntilClosed, "raw-smsc-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends a well-framed PDU under a fresh sequence number (written into its header) and waits for the
     * gateway's response to that number.
     */
    Answer exchange(byte[] pdu, Duration within) throws InterruptedException {
        Link l = link;
        if (l == null || !l.open) {
            return Answer.LOST;
        }
        int seq = sequence.updateAndGet(s -> s >= 0x7FFFFFF0 ? 1 : s + 1);
        byte[] numbered = pdu.clone();
        ByteBuffer.wrap(numbered).putInt(12, seq);
        try {
            l.writeRaw(numbered);
        } catch (IOException e) {
            return Answer.LOST;
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Pdu response = l.responses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (response == null) {
                return Answer.NONE;
            }
            if (response == LINK_LOST) {
                return Answer.LOST;
            }
            if (response.sequence() == seq) {
                return new Answer(Optional.of(response), false);
            }
            // a late answer to an earlier PDU: that one was already judged
        }
    }

    /** Sends bytes as they are, framing errors included; whatever the gateway answers is not awaited. */
    void sendRaw(byte[] bytes) throws IOException {
        Link l = link;
        if (l == null) {
            throw new IOException("not bound");
        }
        l.writeRaw(bytes);
    }

    /** Waits until the current link is gone; the response (if any) before it is returned. */
    Optional<Pdu> awaitLinkLoss(Duration within) throws InterruptedException {
        Link l = link;
        Optional<Pdu> last = Optional.empty();
        long deadline = System.nanoTime() + within.toNanos();
        while (l != null) {
            Pdu p = l.responses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p == null) {
                return last;
            }
            if (p == LINK_LOST) {
                return last;
            }
            last = Optional.of(p);
        }
        return last;
    }

    /** Drops the current link from this side. */
    void dropLink() {
        Link l = link;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void close() throws IOException {
        dropLink();
        server.close();
    }

    /** One TCP connection from the gateway. */
    private final class Link {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        final BlockingQueue<Pdu> responses = new LinkedBlockingQueue<>();
        volatile boolean open = true;

        Link(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        Pdu readPdu() throws IOException {
            int length = in.readInt();
            if (length < 16 || length > 1 << 20) {
                throw new IOException("the gateway wrote command_length " + length);
            }
            int id = in.readInt();
            int status = in.readInt();
            int seq = in.readInt();
            byte[] body = new byte[length - 16];
            in.readFully(body);
            return new Pdu(id, status, seq, body);
        }

        void readUntilClosed() {
            try {
                while (open) {
                    Pdu p = readPdu();
                    switch (p.commandId()) {
                        case 0x00000015 -> write(0x80000015, 0, p.sequence(), new byte[0]); // enquire_link
                        case 0x00000006 -> write(0x80000006, 0, p.sequence(), new byte[0]); // unbind
                        case 0x00000004 -> submitted(p);
                        default -> responses.add(p);
                    }
                }
            } catch (EOFException e) {
                // the gateway closed the link
            } catch (IOException e) {
                // reset, or closed from this side
            } finally {
                if (open) {
                    linksLost.incrementAndGet();
                }
                close();
                responses.add(LINK_LOST);
            }
        }

        private void submitted(Pdu submit) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(submit.body());
            String serviceType = cString(b);
            b.position(b.position() + 2);
            cString(b); // source_addr
            b.position(b.position() + 2);
            String destination = cString(b);
            if ("USSD".equals(serviceType)) {
                ussdAnswered.add(destination);
            } else {
                smsSubmitted.incrementAndGet();
            }
            write(0x80000004, 0, submit.sequence(),
                    ("f" + messageIds.incrementAndGet() + "\0").getBytes(StandardCharsets.US_ASCII));
        }

        void write(int commandId, int status, int seq, byte[] body) throws IOException {
            writeRaw(ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(commandId).putInt(status)
                    .putInt(seq).put(body).array());
        }

        synchronized void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static String cString(ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        byte c;
        while ((c = b.get()) != 0) {
            s.append((char) c);
        }
        return s.toString();
    }
}
