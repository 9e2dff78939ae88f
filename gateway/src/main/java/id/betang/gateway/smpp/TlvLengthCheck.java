package id.betang.gateway.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;

/**
 * jSMPP reads a fixed-size TLV of the wrong length without complaint (a 3-octet its_session_info becomes
 * its first two octets), which would send a resident's step into the wrong dialogue. This reader sees the
 * raw deliver_sm first and notes which ones carry such a TLV, so the bind can answer them with
 * ESME_RINVTLVLEN instead. One instance per session: it runs on that session's reader thread.
 */
final class TlvLengthCheck extends DefaultPDUReader {

    /** SMPP 3.4 §5.3.2: TLVs a deliver_sm may carry whose length is fixed. */
    private static final Map<Integer, Integer> FIXED_LENGTHS = Map.of(
            0x0501, 1,   // ussd_service_op
            0x1383, 2,   // its_session_info
            0x020C, 2,   // sar_msg_ref_num
            0x020E, 1,   // sar_total_segments
            0x020F, 1,   // sar_segment_seqnum
            0x0427, 1,   // message_state
            0x0204, 2,   // user_message_reference
            0x0020, 1);  // payload_type

    private final Map<Integer, String> faults = new ConcurrentHashMap<>();

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        byte[] pdu = super.readPDU(in, header);
        if (header.getCommandId() == SMPPConstant.CID_DELIVER_SM) {
            check(pdu).ifPresent(fault -> faults.put(header.getSequenceNumber(), fault));
        }
        return pdu;
    }

    /** The fault found in the deliver_sm with this sequence number, once. */
    Optional<String> takeFault(int sequenceNumber) {
        return Optional.ofNullable(faults.remove(sequenceNumber));
    }

    static Optional<String> check(byte[] pdu) {
        ByteBuffer b = ByteBuffer.wrap(pdu);
        try {
            b.position(16);
            skipCString(b);          // service_type
            b.position(b.position() + 2);
            skipCString(b);          // source_addr
            b.position(b.position() + 2);
            skipCString(b);          // destination_addr
            b.position(b.position() + 3);
            skipCString(b);          // schedule_delivery_time
            skipCString(b);          // validity_period
            b.position(b.position() + 4);
            int smLength = b.get() & 0xFF;
            b.position(b.position() + smLength);
            while (b.remaining() >= 4) {
                int tag = b.getShort() & 0xFFFF;
                int length = b.getShort() & 0xFFFF;
                Integer fixed = FIXED_LENGTHS.get(tag);
                if (fixed != null && fixed != length) {
                    return Optional.of(String.format("TLV 0x%04x must be %d octet%s, got %d", tag, fixed,
                            fixed == 1 ? "" : "s", length));
                }
                b.position(b.position() + length);
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // a truncated PDU: jSMPP's own decoding reports it
        }
        return Optional.empty();
    }

    private static void skipCString(ByteBuffer b) {
        while (b.get() != 0) {
            // up to and including the terminating NUL
        }
    }
}
