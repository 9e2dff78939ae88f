package id.betang.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void msisdnKeepsOperatorPrefixAndLastThree() {
        assertEquals("62812*****890", Mask.msisdn("6281234567890"));
        assertEquals("***", Mask.msisdn("123"));
    }

    @Test
    void longNumbersInsideIdentifiersAreMasked() {
        assertEquals("62812*****890:7", Mask.numbersIn("6281234567890:7"));
        assertEquals("v:010203fe", Mask.numbersIn("v:010203fe"));
        assertEquals("nik 62710********004", Mask.numbersIn("nik 6271031203900004"));
    }
}
