package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "6203014107850002, true",   // woman born 1 July 1985, Kapuas
        "6271031203900004, true",   // man born 12 March 1990
        "6271037103900004, true",   // day 71 = the 31st, woman
        "627103120390000, false",   // 15 digits
        "62710312039000041, false", // 17 digits
        "6271031203900000, false",  // serial 0000
        "6271033203900004, false",  // day 32
        "6271037203900004, false",  // day 72
        "6271031213900004, false",  // month 13
        "0971031203900004, false",  // province 09
        "98710312039000 4, false",
        "62710312O3900004, false",
    })
    void nikStructure(String nik, boolean valid) {
        assertEquals(valid, NikShape.isValid(nik));
    }

    @Test
    void nikMaskKeepsFourAndFour() {
        assertEquals("6271********0003", NikShape.mask("6271031203900003"));
    }

    @Test
    void ticketIdsAreKeypadFriendlyAndSelfChecking() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            String id = TicketId.next(random);
            assertEquals(8, id.length());
            assertTrue(id.matches("HB[2-9A-HJ-NP-Z]{6}"), id);
            assertTrue(TicketId.isValid(id.toLowerCase()), id);
            // every single mistyped character is caught
            for (int pos = 2; pos < id.length(); pos++) {
                for (char c : TicketId.ALPHABET.toCharArray()) {
                    if (c != id.charAt(pos)) {
                        String typo = id.substring(0, pos) + c + id.substring(pos + 1);
                        assertFalse(TicketId.isValid(typo), typo + " from " + id);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"600000, Rp600.000", "1500000, Rp1.500.000", "500, Rp500", "0, Rp0"})
    void money(String rupiah, String shown) {
        assertEquals(shown, Template.money(rupiah));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "Halo # 4", "€ # 2", "[x] # 5", "{~^\\|} # 12", "Rp600.000 # 9", "😀 # -1", "ā # -1",
    })
    void gsmSeptets(String text, int septets) {
        assertEquals(septets, GsmAlphabet.septets(text));
    }
}
