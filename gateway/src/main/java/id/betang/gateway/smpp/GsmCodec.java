package id.betang.gateway.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import id.betang.menus.GsmAlphabet;

/**
 * Text ⇄ bytes for SMPP short_message. data_coding 0x00 carries GSM 03.38 septets one per octet
 * (the SMSC packs them for the air), extension characters as 0x1B + code; 0x08 carries UCS-2.
 */
public final class GsmCodec {

    public static final byte GSM_DEFAULT = 0x00;
    public static final byte UCS2 = 0x08;

    private GsmCodec() {
    }

    /** The text encoded the cheapest way it fits: GSM 7-bit when every character allows, else UCS-2. */
    public static Encoded encode(String text) {
        if (!GsmAlphabet.fits(text)) {
            return new Encoded(UCS2, text.getBytes(StandardCharsets.UTF_16BE));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = GsmAlphabet.BASIC.indexOf(c);
            if (basic >= 0 && c != '\u001b') {
                out.write(basic);
            } else {
                out.write(0x1B);
                out.write(GsmAlphabet.EXTENSION_CODES[GsmAlphabet.EXTENSION.indexOf(c)]);
            }
        }
        return new Encoded(GSM_DEFAULT, out.toByteArray());
    }

    /** Decodes unpacked GSM septets; an unknown escape code becomes a space rather than an error. */
    public static String decodeGsm(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int b = septets[i] & 0x7F;
            if (b == 0x1B && i + 1 < septets.length) {
                byte code = (byte) (septets[++i] & 0x7F);
                int ext = indexOf(GsmAlphabet.EXTENSION_CODES, code);
                text.append(ext >= 0 ? GsmAlphabet.EXTENSION.charAt(ext) : ' ');
            } else {
                text.append(GsmAlphabet.BASIC.charAt(b));
            }
        }
        return text.toString();
    }

    /**
     * Decodes a short_message by its data_coding: 0x00/0x01 (GSM / IA5 ASCII), 0x03 (Latin-1),
     * 0x08 (UCS-2), 0x0F (GSM, USSD DCS). Other codings are refused by the caller.
     */
    public static String decode(byte dataCoding, byte[] message) {
        switch (dataCoding) {
            case 0x00, 0x0F:
                return decodeGsm(message);
            case 0x01:
                return new String(message, StandardCharsets.US_ASCII);
            case 0x03:
                return new String(message, StandardCharsets.ISO_8859_1);
            case 0x08:
                return new String(message, StandardCharsets.UTF_16BE);
            default:
                throw new IllegalArgumentException("unsupported data_coding 0x" + Integer.toHexString(dataCoding & 0xFF));
        }
    }

    public static boolean supports(byte dataCoding) {
        return dataCoding == 0x00 || dataCoding == 0x01 || dataCoding == 0x03 || dataCoding == 0x08 || dataCoding == 0x0F;
    }

    private static int indexOf(byte[] codes, byte code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    public record Encoded(byte dataCoding, byte[] bytes) {
    }
}
