package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import id.betang.menus.GsmAlphabet;

/**
 * The codec against 3GPP TS 23.038 itself ({@link Gsm0338}), character by character and as whole messages:
 * a wrong entry in our own table fails here even where a round trip through that table would not.
 * SMPP data_coding 0x00 carries one septet per octet (the SMSC packs for the air), so the vectors are the
 * unpacked septets; the gateway has no packed form to check.
 */
class GsmCodecVectorsTest {

    static List<Gsm0338> basic() {
        return Gsm0338.basic();
    }

    static List<Gsm0338> extensions() {
        return Gsm0338.extensions();
    }

    @Test
    void theOracleIsTheWholeTable() {
        assertEquals(127, basic().size(), "128 septets less the escape");
        assertEquals(List.of(0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65),
                extensions().stream().map(Gsm0338::septet).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basic")
    void eachBasicCharacterIsItsSeptet(Gsm0338 c) {
        GsmCodec.Encoded encoded = GsmCodec.encode(c.text());
        assertEquals(GsmCodec.GSM_DEFAULT, encoded.dataCoding(), "travels as GSM 7-bit");
        assertArrayEquals(c.septets(), encoded.bytes(), "encoded");
        assertEquals(c.text(), GsmCodec.decode(GsmCodec.GSM_DEFAULT, c.septets()), "decoded");
        assertEquals(c.text(), GsmCodec.decode((byte) 0x0F, c.septets()), "decoded from a USSD data_coding");
        assertEquals(1, GsmAlphabet.septets(c.text()), "costs one septet");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extensions")
    void eachExtensionCharacterIsTheEscapeAndItsCode(Gsm0338 c) {
        GsmCodec.Encoded encoded = GsmCodec.encode(c.text());
        assertEquals(GsmCodec.GSM_DEFAULT, encoded.dataCoding(), "travels as GSM 7-bit");
        assertArrayEquals(c.septets(), encoded.bytes(), "encoded");
        assertEquals(c.text(), GsmCodec.decode(GsmCodec.GSM_DEFAULT, c.septets()), "decoded");
        assertEquals(2, GsmAlphabet.septets(c.text()), "costs two septets");
    }

    @Test
    void theWholeAlphabetAsOneMessage() {
        String text = text(Gsm0338.all());
        byte[] septets = septets(Gsm0338.all());
        assertEquals(127 + 2 * 10, septets.length);
        assertArrayEquals(septets, GsmCodec.encode(text).bytes());
        assertEquals(text, GsmCodec.decodeGsm(septets));
        List<SmsCodec.Part> sms = SmsCodec.encode(text, 1); // 147 septets: one SMS
        assertEquals(1, sms.size());
        assertEquals(GsmCodec.GSM_DEFAULT, sms.get(0).dataCoding());
        assertArrayEquals(septets, sms.get(0).shortMessage());
    }

    @Test
    void aLongSmsSplitsBeforeAnEscapeNotAfterIt() {
        Gsm0338 euro = extensions().stream().filter(c -> c.codePoint() == 0x20AC).findFirst().orElseThrow();
        Gsm0338 a = basic().stream().filter(c -> c.codePoint() == 'a').findFirst().orElseThrow();
        // 152 septets, then the euro's two: the second would be the 154th of a 153-septet part
        String text = a.text().repeat(152) + euro.text() + a.text().repeat(10);
        List<SmsCodec.Part> parts = SmsCodec.encode(text, 7);
        assertEquals(2, parts.size());
        byte[] first = body(parts.get(0));
        byte[] second = body(parts.get(1));
        byte[] allA = new byte[152];
        Arrays.fill(allA, (byte) a.septet());
        assertArrayEquals(allA, first, "part 1: the 152 letters, the escape not left alone at its end");
        assertArrayEquals(new byte[] {Gsm0338.ESCAPE, (byte) euro.septet()}, Arrays.copyOf(second, 2), "part 2 opens with €");
        assertEquals(text, GsmCodec.decodeGsm(first) + GsmCodec.decodeGsm(second));
    }

    private static byte[] body(SmsCodec.Part part) {
        return Arrays.copyOfRange(part.shortMessage(), 6, part.shortMessage().length); // after the 6-octet UDH
    }

    private static String text(List<Gsm0338> characters) {
        return characters.stream().map(Gsm0338::text).collect(Collectors.joining());
    }

    private static byte[] septets(List<Gsm0338> characters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        characters.forEach(c -> out.writeBytes(c.septets()));
        return out.toByteArray();
    }
}
