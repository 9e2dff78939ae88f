package id.betang.gateway.identity;

import java.util.HexFormat;
import java.util.List;

/**
 * The household phone a one-time code goes to, as a screen names it ({@code 0812****7890}), so a family member
 * on another phone knows whom to ask. For a NIK without one (unknown to the registry, or a household without a
 * phone) a decoy stands in: derived from the NIK's keyed hash, so asking twice shows the same number, and shaped
 * like any Indonesian mobile, so the screen does not tell a stranger which NIKs exist.
 */
public final class HouseholdPhone {

    /** Common Indonesian mobile prefixes (Telkomsel, Indosat, XL, Tri, Smartfren), after the leading 0. */
    private static final List<String> PREFIXES = List.of("811", "812", "813", "821", "822", "823", "851", "852",
            "853", "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "895", "896", "897", "898",
            "881", "882", "887", "888");

    private final NikHash hash;

    public HouseholdPhone(NikHash hash) {
        this.hash = hash;
    }

    /** {@code 6281234567890} → {@code 0812****7890}. */
    public static String masked(String msisdn) {
        String national = msisdn.startsWith("62") ? "0" + msisdn.substring(2) : msisdn;
        if (national.length() < 8) {
            return "****";
        }
        return national.substring(0, 4) + "****" + national.substring(national.length() - 4);
    }

    /** The first household phone masked, or the NIK's decoy when the household has none. */
    public String shown(String nik, List<String> householdPhones) {
        return householdPhones.isEmpty() ? decoy(nik) : masked(householdPhones.get(0));
    }

    /** The same masked number for the same NIK, every time; nobody can tell it from a real one. */
    public String decoy(String nik) {
        byte[] h = HexFormat.of().parseHex(hash.of("decoy-phone:" + nik));
        String prefix = PREFIXES.get(Byte.toUnsignedInt(h[0]) % PREFIXES.size());
        int last4 = ((Byte.toUnsignedInt(h[1]) << 8) | Byte.toUnsignedInt(h[2])) % 10_000;
        return "0" + prefix + "****" + String.format("%04d", last4);
    }
}
