package id.betang.menus;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a text tells the caller to press: a line such as "1 Coba lagi" or "0 = tidak punya", or anywhere
 * in a navigation hint ("0 Kembali 00 Menu"). Only static lines count: a line filled from values (a date
 * such as "2 Des 2026 Pasar Kahayan") advertises nothing.
 */
final class AdvertisedKeys {

    private static final Pattern OFFER = Pattern.compile("(\\d{1,2})(?: ?= ?| )(?=\\p{L})");
    private static final Pattern AT_LINE_START = Pattern.compile("^" + OFFER.pattern());
    private static final Pattern ANYWHERE = Pattern.compile("(?<!\\S)" + OFFER.pattern());

    private AdvertisedKeys() {
    }

    /** Keys offered at the start of a line of a screen's text, ignoring lines with placeholders. */
    static Set<String> inScreenText(String text) {
        Set<String> keys = new LinkedHashSet<>();
        text.lines().filter(line -> !line.contains("{")).map(String::strip).forEach(line -> {
            Matcher m = AT_LINE_START.matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        });
        return keys;
    }

    /** Keys offered anywhere in a hint such as the navigation line. */
    static Set<String> inHint(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = ANYWHERE.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
