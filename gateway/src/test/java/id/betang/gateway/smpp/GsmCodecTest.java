package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GsmCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"Kartu Huma Betang Sejahtera\n1 Cek status", "Harga €5 [promo] {x} ~^\\|", "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà"})
    void gsmTextRoundTripsAsSevenBit(String text) {
        GsmCodec.Encoded encoded = GsmCodec.encode(text);
        assertEquals(GsmCodec.GSM_DEFAULT, encoded.dataCoding());
        assertEquals(text, GsmCodec.decode(encoded.dataCoding(), encoded.bytes()));
    }

    @Test
    void extensionCharactersTakeAnEscape() {
        assertArrayEquals(new byte[] {0x1B, 0x65, 0x35}, GsmCodec.encode("€5").bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Terima kasih 🙏", "Bantuan ā", "中文"})
    void anythingElseGoesAsUcs2(String text) {
        GsmCodec.Encoded encoded = GsmCodec.encode(text);
        assertEquals(GsmCodec.UCS2, encoded.dataCoding());
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_16BE), encoded.bytes());
        assertEquals(text, GsmCodec.decode(GsmCodec.UCS2, encoded.bytes()));
    }

    @Test
    void moCodings() {
        assertEquals("abc", GsmCodec.decode((byte) 0x01, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("é", GsmCodec.decode((byte) 0x03, new byte[] {(byte) 0xE9}));
        assertEquals("*777#", GsmCodec.decode((byte) 0x0F, GsmCodec.encode("*777#").bytes()));
    }
}
