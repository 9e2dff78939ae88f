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
    void nikKeepsOnlyItsLastFourDigits() {
        assertEquals("************0004", Mask.nik("6271031203900004"));
        assertEquals("****", Mask.nik("12"));
    }

    @Test
    void longNumbersInsideIdentifiersAreMasked() {
        assertEquals("62812*****890:7", Mask.numbersIn("6281234567890:7"));
        assertEquals("62812*******890", Mask.numbersIn("628123456789890"), "the longest MSISDN, 15 digits");
        assertEquals("v:010203fe", Mask.numbersIn("v:010203fe"));
        assertEquals("nik ************0004", Mask.numbersIn("nik 6271031203900004"));
    }

    @Test
    void aNikInAMessageKeepsNoRegionNorBirthDate() {
        String logged = Mask.numbersIn("registry said 404 for /residents/6271031203900004/benefits (62812*****890)");
        assertEquals("registry said 404 for /residents/************0004/benefits (62812*****890)", logged);
    }
}
