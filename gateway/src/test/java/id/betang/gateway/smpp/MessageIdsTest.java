package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdsTest {

    @ParameterizedTest(name = "resp {0} ({1}) matches receipt {2} ({3})")
    @CsvSource({
            "1A2B,       HEX,     6699,        DECIMAL",   // hex in the response, decimal in the receipt
            "1a2b,       HEX,     00001A2B,    HEX",       // case and leading zeros
            "6699,       DECIMAL, 0000006699,  DECIMAL",   // classic receipts pad to 10 digits
            "6699,       DECIMAL, 1a2b,        HEX",
            "Ab-77,      TEXT,    ab-77,       TEXT",      // opaque ids compare case-insensitively
            "000ab9,     TEXT,    AB9,         TEXT",
            "0,          DECIMAL, 0000000000,  DECIMAL"})
    void bothSidesMeetInOneForm(String resp, MessageIds.Format respFormat, String receipt, MessageIds.Format receiptFormat) {
        assertEquals(MessageIds.canonical(resp, respFormat), MessageIds.canonical(receipt, receiptFormat));
    }

    @ParameterizedTest
    @CsvSource({"1A2B, HEX, 1A2B, DECIMAL", "10, HEX, 10, DECIMAL"})
    void aWrongFormatDoesNotMatchByAccident(String resp, MessageIds.Format respFormat, String receipt,
                                            MessageIds.Format receiptFormat) {
        assertNotEquals(MessageIds.canonical(resp, respFormat), MessageIds.canonical(receipt, receiptFormat));
    }
}
