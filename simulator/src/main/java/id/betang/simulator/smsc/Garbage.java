package id.betang.simulator.smsc;

import java.nio.ByteBuffer;

/** Byte-exact PDUs that a faulty SMSC sends, for the {@code garble-pdu} misbehaviour. */
final class Garbage {

    private Garbage() {
    }

    /** A header-only PDU with a command id SMPP 3.4 does not define. */
    static byte[] unknownCommand() {
        return ByteBuffer.allocate(16).putInt(16).putInt(0x000000AB).putInt(0).putInt(0x7FFFFF01).array();
    }

    /**
     * A USSD deliver_sm whose its_session_info TLV is 3 octets long instead of 2: well-framed, so the
     * link survives, but its content is wrong.
     */
    static byte[] deliverSmWithBadTlv() {
        ByteBuffer body = ByteBuffer.allocate(128);
        cString(body, "USSD");                       // service_type
        body.put((byte) 1).put((byte) 1);            // source TON/NPI
        cString(body, "6281200000001");              // source_addr
        body.put((byte) 0).put((byte) 0);            // dest TON/NPI
        cString(body, "777");                        // destination_addr
        body.put((byte) 0);                          // esm_class
        body.put((byte) 0).put((byte) 0);            // protocol_id, priority_flag
        cString(body, "");                           // schedule_delivery_time
        cString(body, "");                           // validity_period
        body.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // registered_delivery .. sm_default_msg_id
        body.put((byte) 5).put("*777#".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.putShort((short) 0x0501).putShort((short) 1).put((byte) 1);             // ussd_service_op = 1
        body.putShort((short) 0x1383).putShort((short) 3).put(new byte[] {1, 0, 0}); // its_session_info, 3 octets
        int length = 16 + body.position();
        ByteBuffer pdu = ByteBuffer.allocate(length);
        pdu.putInt(length).putInt(0x00000005).putInt(0).putInt(0x7FFFFF02);
        pdu.put(body.array(), 0, body.position());
        return pdu.array();
    }

    private static void cString(ByteBuffer b, String s) {
        b.put(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0);
    }
}
