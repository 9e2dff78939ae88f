package id.betang.menus;

/**
 * GSM 03.38 default alphabet: which text can travel as 7-bit and how many septets it costs.
 * Extension-table characters take an escape plus the character, so they count twice.
 */
public final class GsmAlphabet {

    /** The basic table in code-point order (0x00-0x7F); index = septet value. 0x1B is the escape. */
    public static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** Extension-table characters, each sent as 0x1B followed by its code in {@link #EXTENSION_CODES}. */
    public static final String EXTENSION = "\f^{}\\[~]|€";
    public static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** Septets per character (1 basic, 2 extension, 0 not GSM), indexed by char: screens are measured often. */
    private static final byte[] COST = new byte[Character.MAX_VALUE + 1];

    static {
        for (int i = 0; i < BASIC.length(); i++) {
            COST[BASIC.charAt(i)] = 1;
        }
        COST['\u001b'] = 0;
        for (int i = 0; i < EXTENSION.length(); i++) {
            COST[EXTENSION.charAt(i)] = 2;
        }
    }

    private GsmAlphabet() {
    }

    /** Septets needed for this text, or -1 if some character is not in GSM 03.38 at all. */
    public static int septets(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = COST[text.charAt(i)];
            if (cost == 0) {
                return -1;
            }
            count += cost;
        }
        return count;
    }

    public static boolean fits(CharSequence text) {
        return septets(text) >= 0;
    }

    /** The first character that forces UCS-2, for error messages; -1 when none. */
    public static int firstNonGsm(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (COST[text.charAt(i)] == 0) {
                return i;
            }
        }
        return -1;
    }
}
