package id.betang.gateway.identity;

import java.util.Optional;

/**
 * Indonesian mobile numbers, stored and compared as {@code 62…}. People and SMSCs write {@code +62…},
 * {@code 62…} or {@code 08…}; all mean the same phone.
 */
public final class Msisdn {

    private Msisdn() {
    }

    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.strip().replaceAll("[\\s-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.startsWith("0")) {
            digits = "62" + digits.substring(1);
        }
        // 62 + 8xx + 7 to 10 more digits: 10-13 digits after the country code
        if (digits.matches("628\\d{9,12}")) {
            return Optional.of(digits);
        }
        return Optional.empty();
    }
}
