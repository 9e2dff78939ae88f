package id.betang.gateway.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.DefaultDecomposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees every raw PDU from the SMSC before jSMPP decodes it, for what jSMPP gets wrong with bad input:
 * <ul>
 * <li>It reads a fixed-size TLV of the wrong length without complaint (a 3-octet its_session_info becomes
 * its first two octets), which would send a resident's step into the wrong dialogue: such a deliver_sm is
 * noted, and the bind answers it with ESME_RINVTLVLEN ({@link #takeFault}).</li>
 * <li>A deliver_sm (or data_sm) cut short inside its fields, or with a TLV that runs past its end, makes
 * jSMPP's decoder throw where nobody catches it: the SMSC would get no answer at all and its window would
 * fill up. Such a PDU is handed on as a blank one of the same command and sequence number, and
 * {@link #answeringUnreadable} answers the blank with the status that names the fault.</li>
 * <li>It allocates whatever {@code command_length} says, up to 2 GB: a length no SMPP PDU can have is a
 * framing error (generic_nack ESME_RINVCMDLEN, and jSMPP closes the link, since the stream cannot be
 * resynchronised; the bind then rebinds).</li>
 * </ul>
 * One instance per session: its reader thread notes the faults, its processing threads take them.
 */
final class TlvLengthCheck extends DefaultPDUReader {

    private static final Logger LOG = LoggerFactory.getLogger(TlvLengthCheck.class);

    /** A deliver_sm with a full 64 KiB message_payload and every other field at its longest fits. */
    static final int MAX_COMMAND_LENGTH = 64 * 1024 + 4 * 1024;

    /**
     * Faults wait only while their PDU queues in jSMPP (its receive queue holds 100); a PDU that never
     * reaches the listener (the session closed meanwhile) must not keep its fault forever.
     */
    static final int MAX_PENDING = 1024;

    private static final int HEADER = 16;
    private static final DefaultDecomposer DECODER = new DefaultDecomposer();

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

    /** What is wrong with a PDU, and the command_status that says so. */
    record Fault(int status, String reason) {
    }

    private final Map<Integer, String> faults = bounded();
    private final Map<Integer, Fault> unreadable = bounded();

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        int length = in.readInt();
        if (length < HEADER || length > MAX_COMMAND_LENGTH) {
            throw new InvalidCommandLengthException("command_length " + length + " is outside " + HEADER + ".."
                    + MAX_COMMAND_LENGTH);
        }
        Command header = new Command();
        header.setCommandLength(length);
        header.setCommandId(in.readInt());
        header.setCommandStatus(in.readInt());
        header.setSequenceNumber(in.readInt());
        return header;
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        byte[] pdu = super.readPDU(in, header);
        if (header.getCommandId() == SMPPConstant.CID_DELIVER_SM) {
            Inspection inspection = inspect(pdu);
            if (inspection.unreadable().isPresent()) {
                unreadable.put(header.getSequenceNumber(), inspection.unreadable().get());
                return blank(header, DELIVER_SM_BODY);
            }
            inspection.wrongTlvLength().ifPresent(fault -> faults.put(header.getSequenceNumber(), fault));
        } else if (header.getCommandId() == SMPPConstant.CID_DATA_SM && decode(pdu, true) == Decoding.THROWS) {
            // the bind refuses every data_sm (ESME_RINVCMDID); it must still be one jSMPP can read to answer it
            return blank(header, DATA_SM_BODY);
        }
        return pdu;
    }

    /** The fault found in the deliver_sm with this sequence number, once. */
    Optional<String> takeFault(int sequenceNumber) {
        return Optional.ofNullable(faults.remove(sequenceNumber));
    }

    /** Faults noted and not yet taken, for tests: never more than {@link #MAX_PENDING} of each kind. */
    int pending() {
        return Math.max(faults.size(), unreadable.size());
    }

    /**
     * {@code listener}, except that a deliver_sm this reader could not hand on as it came is refused
     * with its fault's status before it reaches the listener.
     */
    MessageReceiverListener answeringUnreadable(MessageReceiverListener listener) {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                Fault fault = unreadable.remove(deliverSm.getSequenceNumber());
                if (fault != null) {
                    LOG.warn("refused an unreadable deliver_sm seq {}: {} ({})", deliverSm.getSequenceNumber(),
                            fault.reason(), SmppStatus.describe(fault.status()));
                    throw new ProcessRequestException(fault.reason(), fault.status());
                }
                listener.onAcceptDeliverSm(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
                listener.onAcceptAlertNotification(alertNotification);
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                return listener.onAcceptDataSm(dataSm, source);
            }

            @Override
            public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
                listener.onAcceptEnquireLink(enquireLink, source);
            }
        };
    }

    /** A wrong length of a fixed-size TLV in a deliver_sm that is otherwise readable. */
    static Optional<String> check(byte[] pdu) {
        ByteBuffer b = ByteBuffer.wrap(pdu);
        try {
            b.position(HEADER);
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
            return Optional.empty(); // a truncated PDU: inspect() reports it
        }
        return Optional.empty();
    }

    /** How jSMPP's decoder takes a PDU. */
    private enum Decoding {
        READ,
        /** with a status of its own, which it answers with generic_nack (or data_sm_resp) by itself */
        REFUSED,
        /** with an exception it leaves uncaught: no answer at all */
        THROWS
    }

    /**
     * What is wrong with a deliver_sm: why jSMPP's decoder would throw on it (a field cut short, a
     * short_message or TLV running past the end, a TLV value it cannot read), or else, when jSMPP would hand it
     * to the listener, a fixed-size TLV of the wrong length.
     */
    record Inspection(Optional<Fault> unreadable, Optional<String> wrongTlvLength) {
    }

    static Inspection inspect(byte[] pdu) {
        Optional<Fault> cut = cutShort(pdu);
        if (cut.isPresent()) {
            return new Inspection(cut, Optional.empty());
        }
        Optional<String> wrongLength = check(pdu);
        return switch (decode(pdu, false)) {
            case READ -> new Inspection(Optional.empty(), wrongLength);
            case REFUSED -> new Inspection(Optional.empty(), Optional.empty()); // never reaches the listener
            case THROWS -> new Inspection(Optional.of(wrongLength
                    .map(reason -> new Fault(SMPPConstant.STAT_ESME_RINVTLVLEN, reason))
                    .orElse(new Fault(SMPPConstant.STAT_ESME_RINVTLVVAL, "a TLV value that cannot be read"))),
                    Optional.empty());
        };
    }

    static Optional<Fault> unreadable(byte[] pdu) {
        return inspect(pdu).unreadable();
    }

    private static Optional<Fault> cutShort(byte[] pdu) {
        Fields f = new Fields(pdu);
        boolean mandatoryFit = f.cString() && f.skip(2) && f.cString() && f.skip(2) && f.cString() && f.skip(3)
                && f.cString() && f.cString() && f.skip(4) && f.skip(1); // service_type .. sm_length
        if (!mandatoryFit) {
            return fault(SMPPConstant.STAT_ESME_RINVCMDLEN, "the PDU ends inside its mandatory fields");
        }
        int smLength = pdu[f.at - 1] & 0xFF;
        if (!f.skip(smLength)) {
            return fault(SMPPConstant.STAT_ESME_RINVMSGLEN, "sm_length " + smLength + " runs past the end of the PDU");
        }
        // jSMPP reads a TLV wherever two or more octets are left
        while (pdu.length - f.at >= 2) {
            if (pdu.length - f.at < 4) {
                return fault(SMPPConstant.STAT_ESME_RINVTLVSTREAM, "a TLV header is cut short");
            }
            int tag = ((pdu[f.at] & 0xFF) << 8) | (pdu[f.at + 1] & 0xFF);
            int length = ((pdu[f.at + 2] & 0xFF) << 8) | (pdu[f.at + 3] & 0xFF);
            f.skip(4);
            if (!f.skip(length)) {
                return fault(SMPPConstant.STAT_ESME_RINVTLVSTREAM,
                        String.format("TLV 0x%04x of %d octets runs past the end of the PDU", tag, length));
            }
        }
        return Optional.empty();
    }

    private static Optional<Fault> fault(int status, String reason) {
        return Optional.of(new Fault(status, reason));
    }

    private static Decoding decode(byte[] pdu, boolean dataSm) {
        try {
            if (dataSm) {
                DECODER.dataSm(pdu);
            } else {
                DECODER.deliverSm(pdu);
            }
            return Decoding.READ;
        } catch (PDUStringException e) {
            return Decoding.REFUSED;
        } catch (RuntimeException e) {
            return Decoding.THROWS;
        }
    }

    /** deliver_sm: empty strings and zero octets up to sm_length 0. */
    private static final byte[] DELIVER_SM_BODY = new byte[17];
    /** data_sm: service_type, source and destination addresses, then esm_class, registered_delivery, data_coding. */
    private static final byte[] DATA_SM_BODY = new byte[10];

    private static byte[] blank(Command header, byte[] body) {
        return ByteBuffer.allocate(HEADER + body.length).putInt(HEADER + body.length).putInt(header.getCommandId())
                .putInt(header.getCommandStatus()).putInt(header.getSequenceNumber()).put(body).array();
    }

    private static <V> Map<Integer, V> bounded() {
        return Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
                return size() > MAX_PENDING;
            }
        });
    }

    /** A cursor over a PDU's body that says whether a field still fits. */
    private static final class Fields {
        private final byte[] pdu;
        private int at = HEADER;

        Fields(byte[] pdu) {
            this.pdu = pdu;
        }

        boolean skip(int octets) {
            if (at + octets > pdu.length) {
                return false;
            }
            at += octets;
            return true;
        }

        /** Up to and including the terminating NUL. */
        boolean cString() {
            while (at < pdu.length) {
                if (pdu[at++] == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void skipCString(ByteBuffer b) {
        while (b.get() != 0) {
            // up to and including the terminating NUL
        }
    }
}
