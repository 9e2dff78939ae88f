package id.betang.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HouseholdPhoneTest {

    final HouseholdPhone phones = new HouseholdPhone(new NikHash("household-phone-test-key-01"));

    @Test
    void theFirstHouseholdPhoneIsNamedMasked() {
        assertEquals("0812****7890", HouseholdPhone.masked("6281234567890"));
        assertEquals("0813****2222", phones.shown("6203014107850002", List.of("6281311112222", "6285722223333")));
    }

    @Test
    void aNikWithoutOneGetsADecoyTheSameEveryTimeShapedLikeARealPhone() {
        String decoy = phones.shown("6271010101900001", List.of());
        assertTrue(decoy.matches("08[1-9]\\d\\*{4}\\d{4}"), decoy);
        assertEquals(decoy, phones.decoy("6271010101900001"));
        assertEquals(decoy, new HouseholdPhone(new NikHash("household-phone-test-key-01")).decoy("6271010101900001"),
                "derived, not remembered: every instance shows the same");
        assertNotEquals(decoy, new HouseholdPhone(new NikHash("another-key-0123456789ab")).decoy("6271010101900001"),
                "keyed: nobody without the key can tell a decoy from the NIK");
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            many.add(phones.decoy(String.format("62710101019%05d", i)));
        }
        assertTrue(many.size() > 45, "NIKs get different decoys: " + many.size());
    }
}
