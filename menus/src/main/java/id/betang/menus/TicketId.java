package id.betang.menus;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Complaint ticket ids: 'HB' + 5 random characters + 1 check character, from an alphabet without 0/O/1/I
 * so that what is read aloud or typed on a keypad cannot be confused. The check character (a weighted
 * sum mod 32 with odd weights) catches every single mistyped character, and most swaps of two
 * neighbours, before any lookup.
 */
public final class TicketId {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String PREFIX = "HB";
    private static final int RANDOM_CHARS = 5;
    public static final int LENGTH = PREFIX.length() + RANDOM_CHARS + 1;

    private TicketId() {
    }

    public static String next(RandomGenerator random) {
        StringBuilder id = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.append(checkChar(id)).toString();
    }

    public static String next() {
        return next(new SecureRandom());
    }

    /** Accepts lower case and surrounding spaces, as typed on phones. */
    public static boolean isValid(String typed) {
        if (typed == null) {
            return false;
        }
        String id = normalise(typed);
        if (id.length() != LENGTH || !id.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return id.charAt(LENGTH - 1) == checkChar(id.substring(0, LENGTH - 1));
    }

    public static String normalise(String typed) {
        return typed.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static char checkChar(CharSequence body) {
        int sum = 0;
        for (int i = PREFIX.length(); i < body.length(); i++) {
            // odd weights are coprime with 32, so one changed character always changes the sum
            sum += (2 * (i - PREFIX.length()) + 1) * ALPHABET.indexOf(body.charAt(i));
        }
        return ALPHABET.charAt(Math.floorMod(sum, ALPHABET.length()));
    }
}
