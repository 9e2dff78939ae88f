package id.betang.gateway.ussd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import id.betang.gateway.identity.Msisdn;

class ServiceCodeTest {

    final ServiceCode code = new ServiceCode("*777#");

    @Test
    void shortcuts() {
        assertEquals(Optional.of(List.of()), code.shortcut("*777#"));
        assertEquals(Optional.of(List.of("1")), code.shortcut("*777*1#"));
        assertEquals(Optional.of(List.of("1", "2")), code.shortcut(" *777*1*2# "));
        assertEquals(Optional.empty(), code.shortcut("*778#"));
        assertEquals(Optional.empty(), code.shortcut("*7771#"));
        assertEquals(Optional.empty(), code.shortcut("*777*#"));
        assertEquals(Optional.empty(), code.shortcut("*777*a#"));
        assertEquals(Optional.empty(), code.shortcut(null));
        assertThrows(IllegalArgumentException.class, () -> new ServiceCode("777"));
    }

    @Test
    void aShortcutReplaysAtMostTwentyInputs() {
        assertEquals(20, code.shortcut("*777" + "*1".repeat(20) + "#").orElseThrow().size());
        assertEquals(Optional.empty(), code.shortcut("*777" + "*1".repeat(21) + "#"), "more is not our code");
    }

    @ParameterizedTest
    @CsvSource({"+6281234567890, 6281234567890", "6281234567890, 6281234567890", "081234567890, 6281234567890",
        "0812-3456-7890, 6281234567890", "628123456789, 628123456789"})
    void msisdnForms(String raw, String stored) {
        assertEquals(Optional.of(stored), Msisdn.normalise(raw));
    }

    @ParameterizedTest
    @CsvSource({"12345", "62812345678", "6221234567890", "+1 555 0100", "62812345678901234", "abc"})
    void notMobileNumbers(String raw) {
        assertEquals(Optional.empty(), Msisdn.normalise(raw));
    }
}
