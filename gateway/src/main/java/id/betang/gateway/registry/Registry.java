package id.betang.gateway.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the registry tells the gateway (registry-api.yaml), as the menus need it. */
public final class Registry {

    private Registry() {
    }

    /** @param msisdns phones registered to the household, normalised 62… */
    public record Resident(String nik, String name, String householdId, String region, List<String> msisdns,
                           Optional<String> language) {
        public boolean householdPhone(String msisdn) {
            return msisdns.contains(msisdn);
        }
    }

    /** @param reason short human reason when not ACTIVE */
    public record Benefit(String program, String status, Optional<String> reason, Optional<LocalDate> since) {
    }

    /** @param updatedAt the day the registry last changed this household's record, when it says */
    public record Benefits(String nik, List<Benefit> benefits, Optional<LocalDate> updatedAt) {
    }

    /** @param amount rupiah; empty for in-kind aid, which names its {@code item} */
    public record Disbursement(String program, LocalDate date, String status, OptionalLong amount,
                               Optional<String> item, Optional<String> place, Optional<String> channel) {

        /** Scheduled or ready to collect; paid, collected, failed and cancelled ones are history. */
        public boolean stillToCome() {
            return status.equals("SCHEDULED") || status.equals("READY");
        }
    }

    public record Region(String code, String name) {
    }

    public record MarketDay(LocalDate date, String place, Optional<String> subdistrict, Optional<String> note) {
    }

    public record Agent(String agentId, String name, String region) {
    }

    /**
     * Where a complaint stands at the registry.
     *
     * @param updatedAt the registry's time of this status, which orders what it says of one complaint
     */
    public record ComplaintState(String ticketId, String status, Optional<String> note,
                                 Optional<java.time.Instant> updatedAt) {
    }
}
