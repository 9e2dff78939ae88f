package id.betang.simulator.demo;

import java.util.List;

/** The residents and phones of the registry stub, printed by the demo so operators know what to try. */
public final class SampleData {

    private SampleData() {
    }

    /**
     * @param card the household's Kartu Huma Betang number (16 digits), empty when it has none: a phone not
     *             the household's then confirms with its last 6 digits, or else with a code sent by SMS
     */
    public record Sample(String msisdn, String nik, String card, String who) {

        /** What a caller types to confirm with the card; empty without one. */
        public String cardSuffix() {
            return card.isEmpty() ? "" : card.substring(card.length() - 6);
        }
    }

    public static final List<Sample> SAMPLES = List.of(
            new Sample("6281234567890", "6271031203900004", "6271030000115726", "Budi, Palangka Raya: BLT and food aid active, PKH suspended"),
            new Sample("6281311112222", "6203014107850002", "6203010000482913", "Siti, Kapuas: PKH and BPNT active"),
            new Sample("6281366070004", "6213016607010004", "6213010000319344", "Sari, Barito Timur: BLT ready in 3 days, PKH, PIP"),
            new Sample("6281244080001", "6211014408990001", "", "Maria, Pulang Pisau: farmer capital, food aid suspended; no card yet (code by SMS)"),
            new Sample("6281245100001", "6201011002750001", "6201010000633792", "Ahmad, Kotawaringin Barat: BLT ended"),
            new Sample("6281377778888", "6207011508950001", "", "not in the registry: can still file a complaint"),
            new Sample("6281199990000", "", "", "social worker (agent) PSKS-6271-017, PIN 246810 for option 7"));
}
