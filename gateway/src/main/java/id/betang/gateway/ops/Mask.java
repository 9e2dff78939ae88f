package id.betang.gateway.ops;

import java.util.regex.Pattern;

/**
 * What may appear in logs: MSISDNs keep their operator prefix and last three digits, NIKs at most their last
 * four. (Screens show a NIK as {@code 6271********0003}, to the resident; logs keep less, for everyone else.)
 */
public final class Mask {

    /** A NIK is 16 digits; MSISDNs (628 + 9-12 digits) are never as long. */
    private static final int NIK_LENGTH = 16;
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{10,}");

    private Mask() {
    }

    /** {@code 6281234567890} → {@code 62812*****890}. */
    public static String msisdn(String msisdn) {
        if (msisdn == null || msisdn.length() < 8) {
            return "***";
        }
        return msisdn.substring(0, 5) + "*".repeat(msisdn.length() - 8) + msisdn.substring(msisdn.length() - 3);
    }

    /** {@code 6271031203900004} → {@code ************0004}: region and birth date are personal too. */
    public static String nik(String nik) {
        if (nik == null || nik.length() < 8) {
            return "****";
        }
        return "*".repeat(nik.length() - 4) + nik.substring(nik.length() - 4);
    }

    /**
     * Masks every run of ten or more digits inside an identifier or a message: runs of a NIK's length or
     * longer as a NIK, shorter ones as an MSISDN.
     */
    public static String numbersIn(String text) {
        return text == null ? null : LONG_NUMBER.matcher(text)
                .replaceAll(m -> m.group().length() >= NIK_LENGTH ? nik(m.group()) : msisdn(m.group()));
    }
}
