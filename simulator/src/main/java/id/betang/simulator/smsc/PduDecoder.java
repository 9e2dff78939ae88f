package id.betang.simulator.smsc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsmpp.bean.OptionalParameter;

import id.betang.gateway.smpp.GsmCodec;
import id.betang.gateway.smpp.MalformedPduException;
import id.betang.gateway.smpp.SmsCodec;

/**
 * Reads raw PDUs for the session log, octet by octet as SMPP 3.4 lays them out, without trusting them: a
 * garbled PDU is shown as far as it could be read, with what went wrong. Never used to answer the gateway.
 */
final class PduDecoder {

    static final int SUBMIT_SM = 0x00000004;
    static final int DELIVER_SM = 0x00000005;
    static final int USSD_SERVICE_OP = 0x0501;
    static final int ITS_SESSION_INFO = 0x1383;
    private static final int MESSAGE_PAYLOAD = 0x0424;

    private static final Map<Integer, String> COMMANDS = Map.ofEntries(
            Map.entry(0x00000001, "bind_receiver"), Map.entry(0x80000001, "bind_receiver_resp"),
            Map.entry(0x00000002, "bind_transmitter"), Map.entry(0x80000002, "bind_transmitter_resp"),
            Map.entry(0x00000003, "query_sm"), Map.entry(0x80000003, "query_sm_resp"),
            Map.entry(SUBMIT_SM, "submit_sm"), Map.entry(0x80000004, "submit_sm_resp"),
            Map.entry(DELIVER_SM, "deliver_sm"), Map.entry(0x80000005, "deliver_sm_resp"),
            Map.entry(0x00000006, "unbind"), Map.entry(0x80000006, "unbind_resp"),
            Map.entry(0x00000007, "replace_sm"), Map.entry(0x80000007, "replace_sm_resp"),
            Map.entry(0x00000008, "cancel_sm"), Map.entry(0x80000008, "cancel_sm_resp"),
            Map.entry(0x00000009, "bind_transceiver"), Map.entry(0x80000009, "bind_transceiver_resp"),
            Map.entry(0x0000000B, "outbind"), Map.entry(0x00000015, "enquire_link"),
            Map.entry(0x80000015, "enquire_link_resp"), Map.entry(0x00000021, "submit_multi"),
            Map.entry(0x80000021, "submit_multi_resp"), Map.entry(0x80000000, "generic_nack"),
            Map.entry(0x00000102, "alert_notification"), Map.entry(0x00000103, "data_sm"),
            Map.entry(0x80000103, "data_sm_resp"));

    /** ussd_service_op values (SMPP 3.4 §5.3.2.44). */
    private static final Map<Integer, String> SERVICE_OPS = Map.of(0, "PSSD indication", 1, "PSSR indication",
            2, "USSR request", 3, "USSN request", 16, "PSSD response", 17, "PSSR response", 18, "USSR confirm",
            19, "USSN confirm");

    private static final Map<Integer, String> DATA_CODINGS = Map.of(0x00, "GSM 7-bit (SMSC default)",
            0x01, "IA5 (ASCII)", 0x03, "Latin-1", 0x04, "8-bit binary", 0x08, "UCS-2",
            0x0F, "GSM 7-bit, language unspecified");

    private static final Map<Integer, String> MESSAGE_STATES = Map.of(1, "ENROUTE", 2, "DELIVERED", 3, "EXPIRED",
            4, "DELETED", 5, "UNDELIVERABLE", 6, "ACCEPTED", 7, "UNKNOWN", 8, "REJECTED");

    /** TLVs whose value is text (C-octet strings). */
    private static final java.util.Set<Integer> TEXT_TLVS = java.util.Set.of(0x001D, 0x001E);

    private final Short vendorSessionTag;

    /** @param vendorSessionTag the session-tlv profile's tag, named as such in the log; null in the default profile */
    PduDecoder(Short vendorSessionTag) {
        this.vendorSessionTag = vendorSessionTag;
    }

    static String command(int commandId) {
        return COMMANDS.getOrDefault(commandId, String.format("unknown command 0x%08x", commandId));
    }

    Pdu decode(long id, long at, int link, Pdu.Direction direction, byte[] octets) {
        if (octets.length < 16) {
            return new Pdu(id, at, link, direction, 0, "not a PDU", 0, 0, Map.of(), List.of(), null, null,
                    "the link carried " + octets.length + " octets that are no PDU header", octets);
        }
        ByteBuffer b = ByteBuffer.wrap(octets);
        b.getInt();
        int commandId = b.getInt();
        int status = b.getInt();
        int sequence = b.getInt();
        Map<String, String> fields = new LinkedHashMap<>();
        List<Pdu.Tlv> tlvs = new ArrayList<>();
        String text = null;
        String msisdn = null;
        String problem = null;
        byte[] shown = octets;
        try {
            switch (commandId) {
                case SUBMIT_SM, DELIVER_SM -> {
                    String[] addresses = new String[2];
                    text = shortMessage(b, fields, addresses);
                    msisdn = commandId == DELIVER_SM ? addresses[0] : addresses[1];
                    problem = tlvs(b, tlvs);
                    String payload = tlvs.stream().filter(t -> t.tag() == MESSAGE_PAYLOAD).map(Pdu.Tlv::value)
                            .findFirst().orElse(null);
                    if (text == null || text.isEmpty()) {
                        text = payload == null ? text : payload;
                    }
                }
                case 0x00000001, 0x00000002, 0x00000009 -> shown = bind(octets, b, fields);
                case 0x80000001, 0x80000002, 0x80000009 -> {
                    if (b.hasRemaining()) {
                        fields.put("system_id", cString(b));
                        problem = tlvs(b, tlvs);
                    }
                }
                case 0x80000004, 0x80000005 -> {
                    if (b.hasRemaining()) {
                        fields.put("message_id", cString(b));
                    }
                }
                default -> {
                    if (!COMMANDS.containsKey(commandId)) {
                        problem = "command_id 0x" + Integer.toHexString(commandId) + " is not in SMPP 3.4";
                    }
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            problem = "the PDU ends before its " + (fields.isEmpty() ? "first field" : "field after "
                    + fields.keySet().toArray()[fields.size() - 1]);
        }
        return new Pdu(id, at, link, direction, commandId, command(commandId), sequence, status,
                java.util.Collections.unmodifiableMap(fields), List.copyOf(tlvs), text, msisdn, problem, shown);
    }

    /** submit_sm and deliver_sm share their mandatory fields up to short_message; returns it decoded. */
    private static String shortMessage(ByteBuffer b, Map<String, String> fields, String[] addresses) {
        fields.put("service_type", cString(b));
        addresses[0] = address(b, fields, "source_addr");
        addresses[1] = address(b, fields, "destination_addr");
        int esm = b.get() & 0xFF;
        fields.put("esm_class", hex(esm) + esmMeaning(esm));
        fields.put("protocol_id", hex(b.get() & 0xFF));
        b.get(); // priority_flag: nobody reading a USSD log needs it
        String schedule = cString(b);
        String validity = cString(b);
        if (!schedule.isEmpty() || !validity.isEmpty()) {
            fields.put("schedule/validity", schedule + " / " + validity);
        }
        fields.put("registered_delivery", hex(b.get() & 0xFF));
        b.get(); // replace_if_present_flag
        int dcs = b.get() & 0xFF;
        fields.put("data_coding", hex(dcs) + " " + DATA_CODINGS.getOrDefault(dcs, "other"));
        b.get(); // sm_default_msg_id
        int length = b.get() & 0xFF;
        byte[] message = new byte[length];
        b.get(message);
        fields.put("sm_length", Integer.toString(length));
        if ((esm & 0x40) != 0) {
            try {
                SmsCodec.Body split = SmsCodec.splitUdh(message);
                message = split.bytes();
                split.concatenation().ifPresent(c -> fields.put("udh", "part " + c.sequence() + "/" + c.total()
                        + ", reference " + c.reference()));
            } catch (MalformedPduException e) {
                fields.put("udh", "malformed: " + e.getMessage());
            }
        }
        return text((byte) dcs, message);
    }

    private static String text(byte dcs, byte[] message) {
        if (message.length == 0) {
            return "";
        }
        return GsmCodec.supports(dcs) ? GsmCodec.decode(dcs, message)
                : new String(message, StandardCharsets.ISO_8859_1);
    }

    /** Masks the password, in the fields and in the octets: the log is for reading, not for lifting secrets. */
    private static byte[] bind(byte[] octets, ByteBuffer b, Map<String, String> fields) {
        fields.put("system_id", cString(b));
        int passwordAt = b.position();
        String password = cString(b);
        fields.put("password", "*".repeat(password.length()));
        fields.put("system_type", cString(b));
        fields.put("interface_version", hex(b.get() & 0xFF));
        address(b, fields, "address_range");
        byte[] masked = octets.clone();
        Arrays.fill(masked, passwordAt, passwordAt + password.length(), (byte) '*');
        return masked;
    }

    /** Every TLV to the end of the PDU; returns what was wrong, or null. */
    private String tlvs(ByteBuffer b, List<Pdu.Tlv> into) {
        while (b.remaining() >= 4) {
            int tag = b.getShort() & 0xFFFF;
            int length = b.getShort() & 0xFFFF;
            if (length > b.remaining()) {
                into.add(new Pdu.Tlv(tag, name(tag), length, "", "says " + length + " octets, " + b.remaining()
                        + " left"));
                return "TLV 0x" + String.format("%04x", tag) + " runs past the end of the PDU";
            }
            byte[] value = new byte[length];
            b.get(value);
            into.add(tlv(tag, value));
        }
        return b.hasRemaining() ? b.remaining() + " octets after the last TLV" : null;
    }

    private Pdu.Tlv tlv(int tag, byte[] value) {
        String name = name(tag);
        long number = 0;
        for (byte v : value) {
            number = (number << 8) | (v & 0xFF);
        }
        String meaning = null;
        String shown;
        if (tag == USSD_SERVICE_OP && value.length == 1) {
            shown = Long.toString(number);
            meaning = SERVICE_OPS.getOrDefault((int) number, number >= 32 ? "vendor" : "reserved");
        } else if (tag == ITS_SESSION_INFO) {
            shown = String.format("0x%04x", number);
            meaning = value.length == 2 ? sessionInfo((int) number) : "should be 2 octets, is " + value.length;
        } else if (tag == 0x0427 && value.length == 1) {
            shown = Long.toString(number);
            meaning = MESSAGE_STATES.get((int) number);
        } else if (tag == MESSAGE_PAYLOAD) {
            shown = text(GsmCodec.GSM_DEFAULT, value);
        } else if (TEXT_TLVS.contains(tag)) {
            int end = value.length > 0 && value[value.length - 1] == 0 ? value.length - 1 : value.length;
            shown = new String(value, 0, end, StandardCharsets.ISO_8859_1);
        } else if (isVendorSession(tag) || value.length > 4 || value.length == 3) {
            shown = java.util.HexFormat.of().formatHex(value);
        } else {
            shown = Long.toString(number);
        }
        return new Pdu.Tlv(tag, name, value.length, shown, meaning);
    }

    /** Octet 1 the session number; octet 2 bits 7..1 the sequence, bit 0 the end of the dialogue. */
    static String sessionInfo(int value) {
        return "session " + ((value >> 8) & 0xFF) + ", sequence " + ((value & 0xFF) >> 1) + ", end "
                + (value & 1);
    }

    private boolean isVendorSession(int tag) {
        return vendorSessionTag != null && (vendorSessionTag & 0xFFFF) == tag;
    }

    private String name(int tag) {
        if (isVendorSession(tag)) {
            return "vendor session id";
        }
        OptionalParameter.Tag known = OptionalParameter.Tag.valueOf((short) tag);
        return known == null ? null : known.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String esmMeaning(int esm) {
        List<String> parts = new ArrayList<>();
        if ((esm & 0x3C) == 0x04) {
            parts.add("delivery receipt");
        }
        if ((esm & 0x40) != 0) {
            parts.add("UDH");
        }
        if ((esm & 0x80) != 0) {
            parts.add("reply path");
        }
        return parts.isEmpty() ? "" : " " + String.join(", ", parts);
    }

    /** TON, NPI and the address; shown as {@code 6281234567890 (1/1)}, TON/NPI left out when both are 0. */
    private static String address(ByteBuffer b, Map<String, String> fields, String name) {
        String tonNpi = ton(b);
        String address = cString(b);
        fields.put(name, tonNpi.isEmpty() ? address : address + " (" + tonNpi + ")");
        return address;
    }

    private static String ton(ByteBuffer b) {
        int ton = b.get() & 0xFF;
        int npi = b.get() & 0xFF;
        return ton == 0 && npi == 0 ? "" : ton + "/" + npi;
    }

    private static String hex(int value) {
        return String.format("0x%02x", value);
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // up to and past the NUL
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.ISO_8859_1);
    }
}
