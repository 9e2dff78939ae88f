package id.betang.gateway.smpp;

import java.math.BigInteger;
import java.util.Locale;

/**
 * SMSCs do not agree on how a message id looks: the submit_sm_resp may say {@code 1A2B} while the
 * receipt says {@code 6699} (decimal), or {@code 0000001a2b}, or {@code 1a2b}. Each side is read in the
 * form the SMSC uses for it (configuration), then both are turned into one canonical string, so a
 * receipt finds its outbox row.
 */
public final class MessageIds {

    /** How an SMSC writes ids in one place. */
    public enum Format {
        /** opaque text: compared case-insensitively, leading zeros ignored */
        TEXT,
        /** a hexadecimal number */
        HEX,
        /** a decimal number */
        DECIMAL;

        public static Format parse(String value) {
            return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    private MessageIds() {
    }

    /**
     * The canonical form: numbers as decimal without leading zeros, text lower-cased without leading zeros.
     * An id that does not parse in its declared numeric format falls back to the text form rather than
     * being lost; it then simply matches nothing.
     */
    public static String canonical(String id, Format format) {
        String trimmed = id == null ? "" : id.strip();
        try {
            return switch (format) {
                case HEX -> new BigInteger(trimmed, 16).toString();
                case DECIMAL -> new BigInteger(trimmed, 10).toString();
                case TEXT -> text(trimmed);
            };
        } catch (NumberFormatException e) {
            return text(trimmed);
        }
    }

    private static String text(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length() - 1 && lower.charAt(i) == '0') {
            i++;
        }
        return lower.substring(i);
    }
}
