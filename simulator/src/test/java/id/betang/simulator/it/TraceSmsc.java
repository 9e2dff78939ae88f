package id.betang.simulator.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;

/**
 * An SMSC made of a bare socket, for replaying traces octet for octet (the simulator's jSMPP server
 * would re-encode them). It answers binds, enquire_links and unbinds by itself and hands every other PDU
 * from the gateway to the replaying test.
 */
final class TraceSmsc implements AutoCloseable {

    private final ServerSocket server;
    private final DefaultComposer composer = new DefaultComposer();
    private final List<byte[]> received = new ArrayList<>();
    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile Socket link;
    private volatile OutputStream out;

    TraceSmsc() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "trace-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    boolean awaitBound(Duration within) throws InterruptedException {
        return bound.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve() {
        try {
            link = server.accept();
            out = link.getOutputStream();
            DataInputStream in = new DataInputStream(link.getInputStream());
            while (true) {
                int length = in.readInt();
                byte[] pdu = new byte[length];
                ByteBuffer.wrap(pdu).putInt(length);
                in.readFully(pdu, 4, length - 4);
                answerHousekeeping(pdu);
            }
        } catch (IOException | PDUStringException e) {
            // the gateway went away or the test closed the socket: the replay reports what it missed
        }
    }

    private void answerHousekeeping(byte[] pdu) throws IOException, PDUStringException {
        ByteBuffer header = ByteBuffer.wrap(pdu);
        int command = header.getInt(4);
        int sequence = header.getInt(12);
        switch (command) {
            case SMPPConstant.CID_BIND_TRANSCEIVER, SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER -> {
                send(composer.bindResp(command | SMPPConstant.MASK_CID_RESP, sequence, "TRACE",
                        new OptionalParameter.Sc_interface_version((byte) 0x34)));
                bound.countDown();
            }
            case SMPPConstant.CID_ENQUIRE_LINK -> send(composer.enquireLinkResp(sequence));
            case SMPPConstant.CID_UNBIND -> send(composer.unbindResp(SMPPConstant.STAT_ESME_ROK, sequence));
            case SMPPConstant.CID_ENQUIRE_LINK_RESP -> { }
            default -> {
                synchronized (received) {
                    received.add(pdu);
                    received.notifyAll();
                }
            }
        }
    }

    synchronized void send(byte[] pdu) throws IOException {
        out.write(pdu);
        out.flush();
    }

    /** The gateway's next PDU with this command_id, in arrival order; null when none came in time. */
    byte[] next(int commandId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (received) {
            while (true) {
                for (Iterator<byte[]> it = received.iterator(); it.hasNext(); ) {
                    byte[] pdu = it.next();
                    if (ByteBuffer.wrap(pdu).getInt(4) == commandId) {
                        it.remove();
                        return pdu;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                received.wait(left);
            }
        }
    }

    /** What the gateway sent that no step of the trace expected. */
    List<byte[]> unexpected() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (link != null) {
            link.close();
        }
    }
}
