package id.betang.gateway.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import id.betang.menus.GsmAlphabet;

/**
 * SMS text ⇄ SMPP short_message, including concatenation. MT: GSM 03.38 7-bit when every character
 * fits (one septet per octet; the SMSC packs for the air), else UCS-2; longer texts become parts with a
 * UDH (IEI 0x00, 8-bit reference) of 153 septets / 67 UCS-2 units. MO: the UDH (IEI 0x00 or 0x08) is
 * split off the body; SAR TLVs are read by {@link SmsPdus}.
 */
public final class SmsCodec {

    public static final int GSM_SINGLE = 160;
    public static final int GSM_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    private SmsCodec() {
    }

    /** One submit_sm's worth: the bytes for short_message (UDH first when {@code udhi}). */
    public record Part(byte dataCoding, byte[] shortMessage, boolean udhi) {
    }

    /**
     * Splits the text into the fewest parts the SMSC will accept. A part never ends between an
     * escape and its extension character, nor between the two halves of a surrogate pair.
     *
     * @param reference the concatenation reference shared by all parts (only its low 8 bits are used)
     */
    public static List<Part> encode(String text, int reference) {
        boolean gsm = GsmAlphabet.fits(text);
        List<String> chunks = gsm ? splitGsm(text) : splitUcs2(text);
        byte coding = gsm ? GsmCodec.GSM_DEFAULT : GsmCodec.UCS2;
        if (chunks.size() == 1) {
            return List.of(new Part(coding, GsmCodec.encode(text).bytes(), false));
        }
        List<Part> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] body = gsm ? GsmCodec.encode(chunks.get(i)).bytes()
                    : chunks.get(i).getBytes(StandardCharsets.UTF_16BE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(6 + body.length);
            out.write(0x05);                // UDH length
            out.write(0x00);                // IEI: concatenated short message, 8-bit reference
            out.write(0x03);                // IE length
            out.write(reference & 0xFF);
            out.write(chunks.size());
            out.write(i + 1);
            out.writeBytes(body);
            parts.add(new Part(coding, out.toByteArray(), true));
        }
        return parts;
    }

    /** How many parts {@link #encode} would make: for logs and the notifications API. */
    public static int partCount(String text) {
        return GsmAlphabet.fits(text) ? splitGsm(text).size() : splitUcs2(text).size();
    }

    private static List<String> splitGsm(String text) {
        if (GsmAlphabet.septets(text) <= GSM_SINGLE) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = GsmAlphabet.septets(text.subSequence(i, i + 1));
            if (used + cost > GSM_PART) {
                chunks.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += cost;
        }
        chunks.add(text.substring(start));
        return chunks;
    }

    private static List<String> splitUcs2(String text) {
        if (text.length() <= UCS2_SINGLE) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + UCS2_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    /** Concatenation info of one MO part: which message ({@code reference}) and where in it. */
    public record Concatenation(int reference, int total, int sequence) {
        public boolean plausible() {
            return total >= 1 && sequence >= 1 && sequence <= total;
        }
    }

    /** A short_message with its user data header taken off. */
    public record Body(byte[] bytes, Optional<Concatenation> concatenation) {
    }

    /**
     * Takes the UDH off a short_message sent with UDHI set. Other information elements (ports, text
     * formatting) are skipped; a header that claims more octets than the message holds is an error.
     */
    public static Body splitUdh(byte[] message) throws MalformedPduException {
        if (message.length == 0 || (message[0] & 0xFF) + 1 > message.length) {
            throw new MalformedPduException(org.jsmpp.SMPPConstant.STAT_ESME_RINVMSGLEN,
                    "UDHI is set but the user data header is longer than the message");
        }
        int headerLength = message[0] & 0xFF;
        Optional<Concatenation> concatenation = Optional.empty();
        int i = 1;
        while (i + 1 <= headerLength) {
            int iei = message[i] & 0xFF;
            int length = message[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > headerLength + 1) {
                throw new MalformedPduException(org.jsmpp.SMPPConstant.STAT_ESME_RINVMSGLEN,
                        "user data header element 0x" + Integer.toHexString(iei) + " overruns the header");
            }
            if (iei == 0x00 && length == 3) {
                concatenation = Optional.of(new Concatenation(message[value] & 0xFF, message[value + 1] & 0xFF,
                        message[value + 2] & 0xFF));
            } else if (iei == 0x08 && length == 4) {
                concatenation = Optional.of(new Concatenation(((message[value] & 0xFF) << 8) | (message[value + 1] & 0xFF),
                        message[value + 2] & 0xFF, message[value + 3] & 0xFF));
            }
            i = value + length;
        }
        byte[] body = java.util.Arrays.copyOfRange(message, headerLength + 1, message.length);
        return new Body(body, concatenation);
    }
}
