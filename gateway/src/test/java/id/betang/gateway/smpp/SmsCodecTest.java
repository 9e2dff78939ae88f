package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsCodecTest {

    static Stream<Arguments> lengths() {
        String emoji = "🙏"; // two UTF-16 units, like two UCS-2 characters
        return Stream.of(
                // text, data_coding, parts, septets or units in each part
                Arguments.of("a".repeat(160), GsmCodec.GSM_DEFAULT, List.of(160)),
                Arguments.of("a".repeat(161), GsmCodec.GSM_DEFAULT, List.of(153, 8)),
                Arguments.of("a".repeat(306), GsmCodec.GSM_DEFAULT, List.of(153, 153)),
                Arguments.of("a".repeat(307), GsmCodec.GSM_DEFAULT, List.of(153, 153, 1)),
                Arguments.of("€".repeat(80), GsmCodec.GSM_DEFAULT, List.of(160)),
                Arguments.of("€".repeat(81), GsmCodec.GSM_DEFAULT, List.of(152, 10)),
                Arguments.of("ā".repeat(70), GsmCodec.UCS2, List.of(70)),
                Arguments.of("ā".repeat(71), GsmCodec.UCS2, List.of(67, 4)),
                Arguments.of("ā".repeat(134), GsmCodec.UCS2, List.of(67, 67)),
                Arguments.of("ā".repeat(135), GsmCodec.UCS2, List.of(67, 67, 1)),
                Arguments.of("a".repeat(66) + emoji + "b".repeat(10), GsmCodec.UCS2, List.of(66, 12)));
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void splitsAtTheProtocolsLimits(String text, byte coding, List<Integer> sizes) {
        List<SmsCodec.Part> parts = SmsCodec.encode(text, 0x42);
        assertEquals(sizes.size(), parts.size());
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            SmsCodec.Part part = parts.get(i);
            assertEquals(coding, part.dataCoding());
            byte[] body = part.shortMessage();
            if (parts.size() > 1) {
                assertTrue(part.udhi());
                assertArrayEquals(new byte[] {5, 0, 3, 0x42, (byte) parts.size(), (byte) (i + 1)},
                        java.util.Arrays.copyOf(body, 6));
                body = java.util.Arrays.copyOfRange(body, 6, body.length);
            } else {
                assertFalse(part.udhi());
            }
            int units = coding == GsmCodec.UCS2 ? body.length / 2 : body.length;
            assertEquals(sizes.get(i), units, "part " + (i + 1));
            joined.append(GsmCodec.decode(coding, body));
        }
        assertEquals(text, joined.toString(), "nothing lost or reordered");
        assertEquals(sizes.size(), SmsCodec.partCount(text));
    }

    static Stream<Arguments> alphabets() {
        return Stream.of(
                Arguments.of("Pengaduan HB7K3Q9P: sedang ditinjau. Terima kasih.", GsmCodec.GSM_DEFAULT),
                Arguments.of("Bantuan Rp600.000 cair 12 Des di Kantor Desa Tumbang Anoi", GsmCodec.GSM_DEFAULT),
                Arguments.of("Harga €5 [promo] {x} ~^\\|", GsmCodec.GSM_DEFAULT),
                Arguments.of("Terima kasih 🙏", GsmCodec.UCS2),
                Arguments.of("Ibu Siti – terdaftar", GsmCodec.UCS2)); // en dash is not GSM
    }

    @ParameterizedTest
    @MethodSource("alphabets")
    void picksTheCheapestAlphabetThatHoldsEveryCharacter(String text, byte coding) {
        List<SmsCodec.Part> parts = SmsCodec.encode(text, 1);
        assertEquals(1, parts.size());
        assertEquals(coding, parts.get(0).dataCoding());
        assertEquals(text, GsmCodec.decode(coding, parts.get(0).shortMessage()));
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        // 159 basic + one € = 161 septets: two parts, though only 160 characters
        assertEquals(2, SmsCodec.partCount("a".repeat(159) + "€"));
    }

    @Test
    void readsEightAndSixteenBitConcatenationHeaders() throws MalformedPduException {
        SmsCodec.Body eight = SmsCodec.splitUdh(new byte[] {5, 0, 3, 7, 3, 2, 'h', 'i'});
        assertEquals(Optional.of(new SmsCodec.Concatenation(7, 3, 2)), eight.concatenation());
        assertArrayEquals(new byte[] {'h', 'i'}, eight.bytes());

        SmsCodec.Body sixteen = SmsCodec.splitUdh(new byte[] {6, 8, 4, 0x12, 0x34, 2, 1, 'o', 'k'});
        assertEquals(Optional.of(new SmsCodec.Concatenation(0x1234, 2, 1)), sixteen.concatenation());
        assertArrayEquals(new byte[] {'o', 'k'}, sixteen.bytes());
    }

    @Test
    void skipsOtherHeaderElements() throws MalformedPduException {
        // a port-addressing element (IEI 0x05) before the concatenation element
        SmsCodec.Body body = SmsCodec.splitUdh(new byte[] {11, 5, 4, 0, 1, 0, 2, 0, 3, 9, 2, 1, 'x'});
        assertEquals(Optional.of(new SmsCodec.Concatenation(9, 2, 1)), body.concatenation());
        assertArrayEquals(new byte[] {'x'}, body.bytes());
    }

    @Test
    void refusesHeadersLongerThanTheMessage() {
        assertThrows(MalformedPduException.class, () -> SmsCodec.splitUdh(new byte[] {9, 0, 3}));
        assertThrows(MalformedPduException.class, () -> SmsCodec.splitUdh(new byte[] {3, 0, 3, 1}));
        assertThrows(MalformedPduException.class, () -> SmsCodec.splitUdh(new byte[0]));
    }
}
