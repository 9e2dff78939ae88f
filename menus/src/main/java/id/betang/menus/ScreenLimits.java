package id.betang.menus;

/**
 * How much one USSD screen may hold: {@code gsm} septets when the text fits GSM 03.38, else {@code ucs2}
 * characters. Networks differ (182/80 is common, some allow only 160/70): this is profile configuration.
 */
public record ScreenLimits(int gsm, int ucs2) {

    public static final ScreenLimits DEFAULT = new ScreenLimits(182, 80);

    public ScreenLimits {
        if (gsm < 40 || ucs2 < 20) {
            throw new IllegalArgumentException("screen limits too small to be usable: " + gsm + "/" + ucs2);
        }
    }

    /** Length of the text in this screen's unit, and whether it fits. */
    public boolean fits(String text) {
        return cost(text) <= capacityFor(text);
    }

    public int cost(String text) {
        int septets = GsmAlphabet.septets(text);
        return septets >= 0 ? septets : text.length();
    }

    public int capacityFor(String text) {
        return GsmAlphabet.fits(text) ? gsm : ucs2;
    }
}
