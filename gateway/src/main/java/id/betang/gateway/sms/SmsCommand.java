package id.betang.gateway.sms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MO SMS read as a command (DESIGN.md, SMS): Indonesian keywords first, English aliases, any case and
 * spacing, and a keyword with one letter wrong, missing, extra or swapped taken when only one keyword is
 * that close ("ADUN" is ADUAN; "STAT" is nothing). The keyword's language is the reply's, unless the phone
 * chose one with BAHASA/LANG.
 *
 * @param argument the rest of the text, as typed (trimmed)
 */
public record SmsCommand(Kind kind, String lang, String argument) {

    public enum Kind { STATUS, SCHEDULE, CODE, COMPLAINT, TICKET, REMIND, STOP, START, LANG, HELP }

    private static final Map<String, SmsCommand> KEYWORDS = new LinkedHashMap<>();
    private static final Pattern SHAPE = Pattern.compile("(?s)\\s*([\\p{L}]+)\\s*(.*)");

    static {
        keyword("CEK", Kind.STATUS, "id");
        keyword("STATUS", Kind.STATUS, "en");
        keyword("JADWAL", Kind.SCHEDULE, "id");
        keyword("SCHEDULE", Kind.SCHEDULE, "en");
        keyword("KODE", Kind.CODE, "id");
        keyword("CODE", Kind.CODE, "en");
        keyword("ADUAN", Kind.COMPLAINT, "id");
        keyword("LAPOR", Kind.COMPLAINT, "id");
        keyword("COMPLAINT", Kind.COMPLAINT, "en");
        keyword("TIKET", Kind.TICKET, "id");
        keyword("TICKET", Kind.TICKET, "en");
        keyword("INGATKAN", Kind.REMIND, "id");
        keyword("REMIND", Kind.REMIND, "en");
        keyword("BERHENTI", Kind.STOP, "id");
        keyword("STOP", Kind.STOP, "en");
        keyword("MULAI", Kind.START, "id");
        keyword("START", Kind.START, "en");
        keyword("BAHASA", Kind.LANG, "id");
        keyword("LANG", Kind.LANG, "en");
        keyword("BANTUAN", Kind.HELP, "id");
        keyword("INFO", Kind.HELP, "id");
        keyword("HELP", Kind.HELP, "en");
    }

    private static void keyword(String word, Kind kind, String lang) {
        KEYWORDS.put(word, new SmsCommand(kind, lang, ""));
    }

    /** Anything that is no command is a request for help, in Indonesian. */
    public static SmsCommand parse(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return new SmsCommand(Kind.HELP, "id", "");
        }
        String word = m.group(1).toUpperCase(Locale.ROOT);
        String rest = m.group(2).strip();
        return keywordFor(word).map(k -> new SmsCommand(k.kind(), k.lang(), rest))
                .orElse(new SmsCommand(Kind.HELP, "id", ""));
    }

    private static Optional<SmsCommand> keywordFor(String word) {
        SmsCommand exact = KEYWORDS.get(word);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (word.length() < 4) {
            return Optional.empty(); // too short to guess: "CE" could be anything
        }
        SmsCommand found = null;
        for (Map.Entry<String, SmsCommand> k : KEYWORDS.entrySet()) {
            if (k.getKey().length() >= 4 && oneEditApart(word, k.getKey())) {
                if (found != null && found.kind() != k.getValue().kind()) {
                    return Optional.empty(); // ambiguous: better help than the wrong command
                }
                found = k.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** One substitution, insertion, deletion or swap of neighbours. */
    static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            if (i == a.length()) {
                return false;
            }
            String ra = a.substring(i + 1);
            String rb = b.substring(i + 1);
            boolean swap = i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
            return ra.equals(rb) || swap;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(i));
    }
}
