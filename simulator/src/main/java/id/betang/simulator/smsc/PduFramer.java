package id.betang.simulator.smsc;

import java.util.function.Consumer;

/**
 * Cuts a byte stream into whole SMPP PDUs by their command_length, whatever sizes it arrives in (jSMPP
 * reads the header an octet at a time and the body in one go). A length no PDU can have means the stream
 * is no longer framed: what follows is handed on as it comes, so the log still shows the bytes.
 */
final class PduFramer {

    /** The largest PDU this framer expects; larger lengths are garbage, not a PDU to wait for. */
    static final int MAX_PDU = 64 * 1024;

    private final Consumer<byte[]> whole;
    private final byte[] header = new byte[4];
    private int headerFill;
    private byte[] pdu;
    private int pduFill;
    private boolean lost;

    PduFramer(Consumer<byte[]> whole) {
        this.whole = whole;
    }

    synchronized void accept(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (lost) {
                whole.accept(java.util.Arrays.copyOfRange(bytes, i, end));
                return;
            }
            if (pdu == null) {
                header[headerFill++] = bytes[i++];
                if (headerFill == 4) {
                    int size = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                            | (header[3] & 0xFF);
                    headerFill = 0;
                    if (size < 16 || size > MAX_PDU) {
                        lost = true;
                        whole.accept(header.clone());
                        continue;
                    }
                    pdu = new byte[size];
                    System.arraycopy(header, 0, pdu, 0, 4);
                    pduFill = 4;
                }
                continue;
            }
            int n = Math.min(end - i, pdu.length - pduFill);
            System.arraycopy(bytes, i, pdu, pduFill, n);
            pduFill += n;
            i += n;
            if (pduFill == pdu.length) {
                byte[] done = pdu;
                pdu = null;
                whole.accept(done);
            }
        }
    }
}
