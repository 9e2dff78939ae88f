package id.betang.menus;

/**
 * The structure of a NIK (PPKKCC DDMMYY SSSS): 16 digits, province 11-97, month 01-12, day 01-31 or
 * 41-71 (women), serial not 0000. Whether the NIK exists is the registry's business, not ours.
 */
public final class NikShape {

    private NikShape() {
    }

    public static boolean isValid(String nik) {
        if (nik == null || nik.length() != 16 || !nik.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int province = Integer.parseInt(nik.substring(0, 2));
        int day = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        int serial = Integer.parseInt(nik.substring(12, 16));
        boolean dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
        return province >= 11 && province <= 97 && month >= 1 && month <= 12 && dayOk && serial > 0;
    }

    /** {@code 6271********0003}: enough for a resident to recognise, not enough to reuse. */
    public static String mask(String nik) {
        if (nik == null || nik.length() < 8) {
            return "****";
        }
        return nik.substring(0, 4) + "*".repeat(nik.length() - 8) + nik.substring(nik.length() - 4);
    }
}
