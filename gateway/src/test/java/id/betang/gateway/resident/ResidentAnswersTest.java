package id.betang.gateway.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import id.betang.gateway.registry.Registry;

/** How the registry's answers become screen values. */
class ResidentAnswersTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    static Registry.Disbursement d(String program, String date, String status, long amount, String item) {
        return new Registry.Disbursement(program, LocalDate.parse(date), status,
                amount > 0 ? OptionalLong.of(amount) : OptionalLong.empty(), Optional.ofNullable(item),
                Optional.of("Kantor Pos"), Optional.empty());
    }

    @Test
    void scheduleShowsOnlyWhatIsStillToComeSoonestFirst() {
        var result = ResidentLookup.schedule("6271031203900004", List.of(
                d("BLT", "2026-12-12", "SCHEDULED", 600000, null),
                d("BLT", "2026-10-01", "PAID", 600000, null),
                d("SEMBAKO_MURAH", "2026-12-05", "READY", 0, "beras 10 kg"),
                d("PKH", "2026-12-01", "CANCELLED", 750000, null),
                d("BPNT", "2026-11-24", "SCHEDULED", 200000, null)), TODAY);
        assertEquals("ok", result.outcome());
        assertEquals(List.of(
                Map.of("program", "SEMBAKO_MURAH", "date", "2026-12-05", "amount", "", "item", "beras 10 kg", "place", "Kantor Pos"),
                Map.of("program", "BLT", "date", "2026-12-12", "amount", "600000", "item", "", "place", "Kantor Pos")),
                result.values().get("disbursements"));
    }

    @Test
    void nothingToComeIsNone() {
        assertEquals("none", ResidentLookup.schedule("6271031203900004",
                List.of(d("BLT", "2026-10-01", "PAID", 600000, null)), TODAY).outcome());
    }

    @Test
    void statusCarriesReasonsOnlyWhenNotActiveAndTheRegistrysDate() {
        var result = ResidentLookup.status("6271031203900004", new Registry.Benefits("6271031203900004", List.of(
                new Registry.Benefit("BLT", "ACTIVE", Optional.of("ignored"), Optional.empty()),
                new Registry.Benefit("PKH", "SUSPENDED", Optional.of("data belum lengkap"), Optional.empty())),
                Optional.of(LocalDate.of(2026, 11, 12))), TODAY);
        assertEquals(List.of(Map.of("program", "BLT", "status", "ACTIVE", "reason", ""),
                Map.of("program", "PKH", "status", "SUSPENDED", "reason", "data belum lengkap")), result.values().get("benefits"));
        assertEquals("2026-11-12", result.values().get("asOf"));
    }
}
