package id.betang.gateway.ops;

/** What may appear in logs: MSISDNs keep their operator prefix and last three digits. */
public final class Mask {

    private Mask() {
    }

    /** {@code 6281234567890} → {@code 62812*****890}. */
    public static String msisdn(String msisdn) {
        if (msisdn == null || msisdn.length() < 8) {
            return "***";
        }
        return msisdn.substring(0, 5) + "*".repeat(msisdn.length() - 8) + msisdn.substring(msisdn.length() - 3);
    }

    private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile("\\d{10,}");

    /** Masks every run of ten or more digits (MSISDNs, NIKs) inside an identifier such as a session key. */
    public static String numbersIn(String text) {
        return text == null ? null : LONG_NUMBER.matcher(text).replaceAll(m -> msisdn(m.group()));
    }
}
