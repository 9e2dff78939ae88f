package id.betang.simulator.demo;

import java.util.List;

/** The residents and phones of the registry stub, printed by the demo so operators know what to try. */
public final class SampleData {

    private SampleData() {
    }

    public record Sample(String msisdn, String nik, String who) {
    }

    public static final List<Sample> SAMPLES = List.of(
            new Sample("6281234567890", "6271031203900004", "Budi, Palangka Raya: BLT and food aid active, PKH suspended"),
            new Sample("6281311112222", "6203014107850002", "Siti, Kapuas (born 01-07-1985): PKH and BPNT active"),
            new Sample("6281366070004", "6213016607010004", "Sari, Barito Timur: BLT ready in 3 days, PKH, PIP"),
            new Sample("6281244080001", "6211014408990001", "Maria, Pulang Pisau: farmer capital, food aid suspended"),
            new Sample("6281245100001", "6201011002750001", "Ahmad, Kotawaringin Barat: BLT ended"),
            new Sample("6281377778888", "6207011508950001", "not in the registry: can still file a complaint"),
            new Sample("6281199990000", "", "social worker (agent) PSKS-6271-017, PIN 246810 for option 7"));
}
