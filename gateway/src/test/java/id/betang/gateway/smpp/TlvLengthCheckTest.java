package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Fixed-size TLVs of the wrong length are caught in the raw deliver_sm; everything else passes. */
class TlvLengthCheckTest {

    /** deliver_sm from 6281234567890 to 777, "*777#", then the TLVs given. */
    private static byte[] deliverSm(String tlvsHex) {
        String body = "5553534400" + "01013632383132333435363738393000" + "000037373700" + "000000" + "0000"
                + "00000000" + "052a37373723" + tlvsHex;
        int length = 16 + body.length() / 2;
        return HexFormat.of().parseHex(String.format("%08x%08x%08x%08x", length, 5, 0, 7) + body);
    }

    @Test
    void wellFormedTlvsPass() {
        assertEquals(Optional.empty(), TlvLengthCheck.check(deliverSm("0501000101" + "138300022a00" + "1501000400c0ffee")));
    }

    @Test
    void aThreeOctetSessionInfoIsCaught() {
        assertEquals(Optional.of("TLV 0x1383 must be 2 octets, got 3"), TlvLengthCheck.check(deliverSm("0501000101" + "138300032a0000")));
    }

    @Test
    void aTwoOctetServiceOpIsCaught() {
        assertEquals(Optional.of("TLV 0x0501 must be 1 octet, got 2"), TlvLengthCheck.check(deliverSm("050100020001")));
    }

    @Test
    void aTruncatedPduIsLeftToJsmpp() {
        byte[] whole = deliverSm("0501000101");
        byte[] cut = java.util.Arrays.copyOf(whole, 30);
        assertEquals(Optional.empty(), TlvLengthCheck.check(cut));
    }
}
