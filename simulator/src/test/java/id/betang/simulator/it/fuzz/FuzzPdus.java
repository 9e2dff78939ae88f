package id.betang.simulator.it.fuzz;

import static id.betang.simulator.it.fuzz.FuzzCase.anyDeliverSmAnswer;
import static id.betang.simulator.it.fuzz.FuzzCase.deliverSmResp;
import static id.betang.simulator.it.fuzz.FuzzCase.genericNack;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jsmpp.SMPPConstant;

import id.betang.gateway.testing.Gen;

/**
 * What a faulty SMSC sends, drawn from a seeded {@link Gen}: valid USSD dials, SMS and receipts between PDUs
 * that are cut short, lie about their lengths, carry TLVs of the wrong size, unknown command ids or random
 * bytes in every field. Every case keeps SMPP's framing ({@code command_length} is the number of octets sent),
 * so none of them may cost the bind; framing errors are {@link #framingError}.
 */
final class FuzzPdus {

    static final int DELIVER_SM = 0x00000005;
    static final int DATA_SM = 0x00000103;
    static final int DATA_SM_RESP = 0x80000103;
    static final int ENQUIRE_LINK = 0x00000015;
    static final int ENQUIRE_LINK_RESP = 0x80000015;
    static final short USSD_SERVICE_OP = 0x0501;
    static final short ITS_SESSION_INFO = 0x1383;
    static final short SAR_MSG_REF_NUM = 0x020C;
    static final short SAR_TOTAL_SEGMENTS = 0x020E;
    static final short SAR_SEGMENT_SEQNUM = 0x020F;
    static final short MESSAGE_PAYLOAD = 0x0424;
    static final short RECEIPTED_MESSAGE_ID = 0x001E;
    static final short MESSAGE_STATE = 0x0427;
    private static final String SERVICE_CODE = "*777#";
    private static final String SHORT_CODE = "7777";
    private static final String DIGITS = "0123456789";
    /** Every command id jSMPP knows: the rest must be answered generic_nack ESME_RINVCMDID. */
    private static final Set<Integer> KNOWN_COMMAND_IDS = knownCommandIds();
    /** Everything the in-frame fuzzer sends, valid traffic about a quarter of it. */
    private static final List<Gen.Weighted<FuzzCase>> KINDS = List.of(
            Gen.weight(10, FuzzPdus::ussdDial),
            Gen.weight(8, FuzzPdus::sms),
            Gen.weight(6, FuzzPdus::receipt),
            Gen.weight(2, gen -> enquireLink()),
            Gen.weight(6, FuzzPdus::receiptWithGarbageText),
            Gen.weight(8, FuzzPdus::fixedTlvOfWrongLength),
            Gen.weight(6, FuzzPdus::tlvRunningPastTheEnd),
            Gen.weight(5, FuzzPdus::shortMessageRunningPastTheEnd),
            Gen.weight(6, FuzzPdus::cutInsideMandatoryFields),
            Gen.weight(6, FuzzPdus::cutAnywhere),
            Gen.weight(6, FuzzPdus::unknownCommand),
            Gen.weight(10, FuzzPdus::randomFields),
            Gen.weight(5, FuzzPdus::randomBody),
            Gen.weight(6, FuzzPdus::unsupportedDataCoding),
            Gen.weight(6, FuzzPdus::udhThatLies),
            Gen.weight(4, FuzzPdus::dataSmGarbage));

    private FuzzPdus() {
    }

    /** The next well-framed case, of a kind chosen by its weight in {@link #KINDS}. */
    static FuzzCase next(Gen gen) {
        return gen.frequency(KINDS);
    }

    static String msisdn(Gen gen) {
        return String.valueOf(gen.between(6281100000000L, 6281999999999L));
    }

    /** A resident dialling the service code: answered OK, and a USSD screen goes back to that number. */
    static FuzzCase ussdDial(Gen gen) {
        String msisdn = msisdn(gen);
        return FuzzCase.of("valid USSD dial", dial(msisdn, gen.between(0, 255)).pdu(DELIVER_SM),
                "deliver_sm_resp ESME_ROK", deliverSmResp(0)).dialledBy(msisdn);
    }

    static Bytes dial(String msisdn, int session) {
        return mandatory("USSD", msisdn, "777", 0, 0).sm(ascii(SERVICE_CODE))
                .tlv(USSD_SERVICE_OP, new byte[] {1}).tlv(ITS_SESSION_INFO, new byte[] {(byte) session, 0});
    }

    static FuzzCase sms(Gen gen) {
        String msisdn = msisdn(gen);
        String text = gen.pick("STATUS", "BANTUAN", "HELP", "hai");
        int coding = gen.pick(0, 3, 8);
        byte[] sm = coding == 8 ? text.getBytes(StandardCharsets.UTF_16BE) : ascii(text);
        return FuzzCase.of("valid SMS", mandatory("", msisdn, SHORT_CODE, 0, coding).sm(sm).pdu(DELIVER_SM),
                "deliver_sm_resp ESME_ROK", deliverSmResp(0));
    }

    static FuzzCase receipt(Gen gen) {
        String msisdn = msisdn(gen);
        String id = gen.chars(10, 10, "abcdef" + DIGITS);
        byte[] text = ascii("id:" + id + " sub:001 dlvrd:001 submit date:2512011200 done date:2512011201"
                + " stat:DELIVRD err:000 text:");
        return FuzzCase.of("valid receipt", mandatory("", msisdn, SHORT_CODE, 0x04, 0).sm(text)
                .tlv(RECEIPTED_MESSAGE_ID, cString(id)).tlv(MESSAGE_STATE, new byte[] {2}).pdu(DELIVER_SM),
                "deliver_sm_resp ESME_ROK", deliverSmResp(0));
    }

    static FuzzCase enquireLink() {
        return FuzzCase.of("enquire_link", new Bytes().pdu(ENQUIRE_LINK), "enquire_link_resp",
                p -> p.commandId() == ENQUIRE_LINK_RESP && p.status() == 0);
    }

    /** Receipts whose text is anything at all: OK when an id can be found, else ESME_RMISSINGTLV. */
    static FuzzCase receiptWithGarbageText(Gen gen) {
        String msisdn = msisdn(gen);
        byte[] sm;
        do {
            sm = gen.oneOf(() -> gen.bytes(0, 200),
                    () -> gen.chars(0, 80, Character.MIN_VALUE, Character.MAX_VALUE).getBytes(StandardCharsets.UTF_8),
                    () -> ascii("id:" + gen.chars(0, 60, (char) 0, (char) 127)));
        } while (sm.length > 254);
        return FuzzCase.of("receipt with garbage text", mandatory("", msisdn, SHORT_CODE, 0x04, 0).sm(sm).pdu(DELIVER_SM),
                "deliver_sm_resp ESME_ROK or ESME_RMISSINGTLV",
                deliverSmResp(0).or(deliverSmResp(SMPPConstant.STAT_ESME_RMISSINGTLV)));
    }

    /** ussd_service_op, its_session_info and the sar_* TLVs with any length but their own: ESME_RINVTLVLEN. */
    static FuzzCase fixedTlvOfWrongLength(Gen gen) {
        String msisdn = msisdn(gen);
        short[] tl = gen.pick(new short[] {USSD_SERVICE_OP, 1}, new short[] {ITS_SESSION_INFO, 2},
                new short[] {SAR_MSG_REF_NUM, 2}, new short[] {SAR_TOTAL_SEGMENTS, 1}, new short[] {SAR_SEGMENT_SEQNUM, 1});
        int length = gen.between(0, 6, l -> l == tl[1]);
        Bytes pdu = tl[0] == USSD_SERVICE_OP || tl[0] == ITS_SESSION_INFO
                ? mandatory("USSD", msisdn, "777", 0, 0).sm(ascii("1"))
                : mandatory("", msisdn, SHORT_CODE, 0, 0).sm(ascii("STATUS"));
        pdu.tlv(tl[0], gen.bytes(length, length));
        return FuzzCase.of("fixed-size TLV of the wrong length", pdu.pdu(DELIVER_SM),
                "deliver_sm_resp ESME_RINVTLVLEN", deliverSmResp(SMPPConstant.STAT_ESME_RINVTLVLEN))
                .detailed(String.format("TLV 0x%04x of %d octets", tl[0], length));
    }

    /** message_payload (or another TLV) whose length says more than the PDU holds: ESME_RINVTLVSTREAM. */
    static FuzzCase tlvRunningPastTheEnd(Gen gen) {
        String msisdn = msisdn(gen);
        short tag = gen.pick(MESSAGE_PAYLOAD, ITS_SESSION_INFO, USSD_SERVICE_OP, (short) 0x1501, SAR_MSG_REF_NUM);
        byte[] value = gen.bytes(0, 40);
        int claimed = Math.min(0xFFFF, value.length + gen.between(1, 0xFFFF));
        byte[] pdu = mandatory("", msisdn, SHORT_CODE, 0, 0).sm(new byte[0])
                .raw(ByteBuffer.allocate(4).putShort(tag).putShort((short) claimed).array()).raw(value)
                .pdu(DELIVER_SM);
        return FuzzCase.of("TLV running past the end", pdu, "deliver_sm_resp ESME_RINVTLVSTREAM",
                deliverSmResp(SMPPConstant.STAT_ESME_RINVTLVSTREAM))
                .detailed(String.format("TLV 0x%04x claiming %d octets of %d", tag, claimed, value.length));
    }

    /** sm_length larger than what is left of the PDU: ESME_RINVMSGLEN. */
    static FuzzCase shortMessageRunningPastTheEnd(Gen gen) {
        String msisdn = msisdn(gen);
        byte[] sm = gen.bytes(0, 120);
        int claimed = sm.length + gen.between(1, 255 - sm.length);
        byte[] pdu = mandatory("", msisdn, SHORT_CODE, 0, 0).octet(claimed).raw(sm).pdu(DELIVER_SM);
        return FuzzCase.of("sm_length running past the end", pdu, "deliver_sm_resp ESME_RINVMSGLEN",
                deliverSmResp(SMPPConstant.STAT_ESME_RINVMSGLEN))
                .detailed("sm_length " + claimed + " over " + sm.length + " octets");
    }

    /** A deliver_sm that ends before its sm_length: ESME_RINVCMDLEN. */
    static FuzzCase cutInsideMandatoryFields(Gen gen) {
        Bytes fields = mandatory("USSD", msisdn(gen), "777", 0, 0);
        int keep = gen.between(0, fields.size());
        byte[] pdu = new Bytes().raw(Arrays.copyOf(fields.toByteArray(), keep)).pdu(DELIVER_SM);
        return FuzzCase.of("cut inside the mandatory fields", pdu, "deliver_sm_resp ESME_RINVCMDLEN",
                deliverSmResp(SMPPConstant.STAT_ESME_RINVCMDLEN)).detailed("after " + keep + " octets");
    }

    /** A valid dial or SMS cut anywhere in its body (command_length says the cut length): answered. */
    static FuzzCase cutAnywhere(Gen gen) {
        String msisdn = msisdn(gen);
        byte[] body = dial(msisdn, gen.between(0, 255)).tlv(SAR_MSG_REF_NUM, new byte[] {0, 1}).toByteArray();
        int keep = gen.between(0, body.length);
        byte[] pdu = new Bytes().raw(Arrays.copyOf(body, keep)).pdu(DELIVER_SM);
        return FuzzCase.of("valid PDU cut anywhere", pdu, "deliver_sm_resp or generic_nack",
                anyDeliverSmAnswer()).detailed("to " + keep + " of " + body.length + " octets");
    }

    static FuzzCase unknownCommand(Gen gen) {
        int id = gen.between(Integer.MIN_VALUE, Integer.MAX_VALUE, KNOWN_COMMAND_IDS::contains);
        return FuzzCase.of("unknown command_id", new Bytes().raw(gen.bytes(0, 64)).pdu(id),
                "generic_nack ESME_RINVCMDID", genericNack(SMPPConstant.STAT_ESME_RINVCMDID))
                .detailed(String.format("0x%08x", id));
    }

    /** Random octets in every field of a deliver_sm, each field where it belongs: answered, whatever it says. */
    static FuzzCase randomFields(Gen gen) {
        byte[] serviceType = randomCString(gen);
        byte[] source = randomCString(gen);
        byte[] dest = randomCString(gen);
        byte[] time = randomCString(gen);
        byte[] o = gen.bytes(13, 13);
        byte[] sm = gen.bytes(0, 200);
        Bytes tlvs = new Bytes();
        for (int n = gen.between(0, 4); n > 0; n--) {
            tlvs.tlv((short) gen.between(Short.MIN_VALUE, Short.MAX_VALUE), gen.bytes(0, 12));
        }
        Bytes b = new Bytes().cString(serviceType).octet(o[0]).octet(o[1]).cString(source).octet(o[2])
                .octet(o[3]).cString(dest).octet(o[4]).octet(o[5]).octet(o[6]).cString(time).cString(time)
                .octet(o[7]).octet(o[8]).octet(o[9]).octet(o[10]).sm(sm).raw(tlvs.toByteArray());
        if ((o[11] & 1) == 1) {
            b.tlv(USSD_SERVICE_OP, new byte[] {o[12]}); // a USSD PDU now and then
        }
        return FuzzCase.of("random fields", b.pdu(DELIVER_SM), "deliver_sm_resp or generic_nack",
                anyDeliverSmAnswer());
    }

    /** What goes before a C-string's NUL: random octets, or digits as an address would be. */
    private static byte[] randomCString(Gen gen) {
        return gen.oneOf(() -> withoutNul(gen.bytes(0, 30)), () -> ascii(gen.chars(0, 22, DIGITS)));
    }

    static FuzzCase randomBody(Gen gen) {
        return FuzzCase.of("random body", new Bytes().raw(gen.bytes(0, 300)).pdu(DELIVER_SM),
                "deliver_sm_resp or generic_nack", anyDeliverSmAnswer());
    }

    /** A data_coding the gateway cannot decode, on a USSD step or an SMS: ESME_RSYSERR (3.4 has no RINVDCS). */
    static FuzzCase unsupportedDataCoding(Gen gen) {
        String msisdn = msisdn(gen);
        int coding = gen.between(0, 255, c -> c == 0x00 || c == 0x01 || c == 0x03 || c == 0x08 || c == 0x0F);
        boolean ussd = gen.coin();
        Bytes b = ussd ? mandatory("USSD", msisdn, "777", 0, coding).sm(ascii(SERVICE_CODE))
                .tlv(USSD_SERVICE_OP, new byte[] {1})
                : mandatory("", msisdn, SHORT_CODE, 0, coding).sm(ascii("STATUS"));
        return FuzzCase.of("unsupported data_coding", b.pdu(DELIVER_SM), "deliver_sm_resp ESME_RSYSERR",
                deliverSmResp(SMPPConstant.STAT_ESME_RSYSERR))
                .detailed((ussd ? "USSD" : "SMS") + " in 0x" + Integer.toHexString(coding));
    }

    /** UDHI set and a user data header (or one of its elements) longer than the message: ESME_RINVMSGLEN. */
    static FuzzCase udhThatLies(Gen gen) {
        String msisdn = msisdn(gen);
        byte[] sm = gen.oneOf(() -> lyingHeader(gen),
                () -> new byte[] {5, 0, (byte) gen.between(4, 255), 1, 2, 1, 'h', 'i'}); // a lying element
        return FuzzCase.of("UDH that lies about its length", mandatory("", msisdn, SHORT_CODE, 0x40, 0).sm(sm)
                .pdu(DELIVER_SM), "deliver_sm_resp ESME_RINVMSGLEN", deliverSmResp(SMPPConstant.STAT_ESME_RINVMSGLEN))
                .detailed("header length " + (sm[0] & 0xFF) + " in " + sm.length + " octets");
    }

    /** A user data header length octet claiming more than the octets after it. */
    private static byte[] lyingHeader(Gen gen) {
        byte[] rest = gen.bytes(0, 40);
        byte[] sm = new byte[1 + rest.length];
        sm[0] = (byte) Math.min(255, rest.length + gen.between(1, 255));
        System.arraycopy(rest, 0, sm, 1, rest.length);
        return sm;
    }

    /**
     * data_sm, readable or not: the gateway takes only deliver_sm, so ESME_RINVCMDID, or the status jSMPP
     * names for a field it refuses (e.g. ESME_RINVSERTYP), never OK.
     */
    static FuzzCase dataSmGarbage(Gen gen) {
        return FuzzCase.of("data_sm", new Bytes().raw(gen.bytes(0, 80)).pdu(DATA_SM),
                "data_sm_resp refusing it, or generic_nack",
                p -> (p.commandId() == DATA_SM_RESP && p.status() != 0) || p.commandId() == RawSmsc.GENERIC_NACK);
    }

    /** A header whose command_length no PDU can have: the stream cannot be resynchronised. */
    static byte[] framingError(Gen gen) {
        int length = gen.oneOf(() -> gen.between(0, 15), () -> gen.between(70 * 1024, Integer.MAX_VALUE),
                () -> gen.between(Integer.MIN_VALUE, -1));
        return ByteBuffer.allocate(16).putInt(length).putInt(DELIVER_SM).putInt(0).putInt(1).array();
    }

    private static Bytes mandatory(String serviceType, String source, String dest, int esmClass, int dataCoding) {
        return new Bytes().cString(ascii(serviceType)).octet(1).octet(1).cString(ascii(source)).octet(0).octet(0)
                .cString(ascii(dest)).octet(esmClass).octet(0).octet(0).cString(new byte[0]).cString(new byte[0])
                .octet(0).octet(0).octet(dataCoding).octet(0);
    }

    private static byte[] tlv(short tag, byte[] value) {
        return ByteBuffer.allocate(4 + value.length).putShort(tag).putShort((short) value.length).put(value).array();
    }

    private static byte[] withoutNul(byte[] b) {
        byte[] copy = b.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == 0) {
                copy[i] = '0';
            }
        }
        return copy;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] cString(String s) {
        return (s + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static Set<Integer> knownCommandIds() {
        Set<Integer> ids = new HashSet<>();
        for (Field f : SMPPConstant.class.getFields()) {
            if (f.getName().startsWith("CID_") && f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    ids.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }

    /** A PDU body under construction. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes cString(byte[] s) {
            out.writeBytes(s);
            out.write(0);
            return this;
        }

        Bytes octet(int b) {
            out.write(b);
            return this;
        }

        Bytes sm(byte[] sm) {
            out.write(sm.length);
            out.writeBytes(sm);
            return this;
        }

        Bytes tlv(short tag, byte[] value) {
            out.writeBytes(FuzzPdus.tlv(tag, value));
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        /** The body under a header with this command id; the sequence number is the sender's. */
        byte[] pdu(int commandId) {
            byte[] body = out.toByteArray();
            return ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(commandId).putInt(0).putInt(0)
                    .put(body).array();
        }
    }
}
