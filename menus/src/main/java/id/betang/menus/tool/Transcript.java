package id.betang.menus.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import id.betang.menus.Screen;
import id.betang.menus.ServiceCodes;
import id.betang.menus.Step;

/**
 * Dialogues written down as the phone shows them. {@code > text} is what the caller types; a USSD string
 * ({@code > *777#}, {@code > *777*1#}) dials anew, and the first input must be one. The lines after it
 * are the screen expected back: a line that is just {@code *} matches any lines, a {@code *} opening or
 * closing a line matches any text, other asterisks are literal (masked NIKs, *777#). A line
 * {@code [end]} says the dialogue ends there. {@code #} starts a comment line; {@code @lang en} and {@code @audience agent} set who is calling.
 *
 * <pre>
 * > *777#
 * Kartu Huma Betang Sejahtera
 * 1 Cek status bantuan
 * *
 * > 0
 * Terima kasih. Sampai jumpa.
 * [end]
 * </pre>
 */
public final class Transcript {

    record Exchange(int line, String input, String expected, boolean end) {
    }

    private final String name;
    private final String lang;
    private final Screen.Audience audience;
    private final List<Exchange> exchanges;

    private Transcript(String name, String lang, Screen.Audience audience, List<Exchange> exchanges) {
        this.name = name;
        this.lang = lang;
        this.audience = audience;
        this.exchanges = List.copyOf(exchanges);
    }

    public static Transcript parse(String name, String text, String defaultLang) {
        String lang = defaultLang;
        Screen.Audience audience = Screen.Audience.RESIDENT;
        List<Exchange> exchanges = new ArrayList<>();
        String input = null;
        int inputLine = 0;
        List<String> screen = new ArrayList<>();
        boolean end = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.startsWith("#")) {
                continue;
            }
            if (input == null && line.startsWith("@lang ")) {
                lang = line.substring(6).strip();
            } else if (input == null && line.startsWith("@audience ")) {
                audience = Screen.Audience.valueOf(line.substring(10).strip().toUpperCase(java.util.Locale.ROOT));
            } else if (line.startsWith("> ") || line.equals(">")) {
                if (input != null) {
                    exchanges.add(new Exchange(inputLine, input, String.join("\n", trim(screen)), end));
                }
                input = line.length() > 2 ? line.substring(2) : "";
                inputLine = i + 1;
                screen = new ArrayList<>();
                end = false;
            } else if (line.equals("[end]")) {
                end = true;
            } else if (input != null) {
                screen.add(line);
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected '> input' first");
            }
        }
        if (input != null) {
            exchanges.add(new Exchange(inputLine, input, String.join("\n", trim(screen)), end));
        }
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException(name + ": no '> input' lines");
        }
        return new Transcript(name, lang, audience, exchanges);
    }

    private static List<String> trim(List<String> screen) {
        List<String> lines = new ArrayList<>(screen);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A mismatch: where, what was expected, what the phone showed. */
    public record Mismatch(String transcript, int line, String input, String expected, String actual) {
        @Override
        public String toString() {
            return transcript + ":" + line + ": after '> " + input + "'\n--- expected\n" + expected
                    + "\n+++ shown\n" + actual;
        }
    }

    /** Runs the transcript; empty when every screen matched. */
    public Optional<Mismatch> run(FixtureDialogue dialogue) {
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange x = exchanges.get(i);
            Step.Reply reply;
            Optional<ServiceCodes.Dialled> dialled = ServiceCodes.parse(x.input());
            try {
                if (i == 0 && dialled.isEmpty()) {
                    throw new IllegalArgumentException("the first input must dial, e.g. > *777#");
                }
                reply = dialled.isPresent() ? dialogue.dial(audience, lang, dialled.get().inputs()) : dialogue.send(x.input());
            } catch (RuntimeException e) {
                return Optional.of(new Mismatch(name, x.line(), x.input(), x.expected(), "(error: " + e.getMessage() + ")"));
            }
            String shown = reply.text() + (reply.end() ? "\n[end]" : "");
            String wanted = x.expected() + (x.end() ? "\n[end]" : "");
            if (!matches(wanted, shown)) {
                return Optional.of(new Mismatch(name, x.line(), x.input(), wanted, shown));
            }
        }
        return Optional.empty();
    }

    /**
     * Screens hold literal asterisks (masked NIKs, *777#), so a wildcard is only: a line that is just
     * {@code *} (any lines, or none), or a {@code *} that starts or ends a line (any text, across lines).
     */
    static boolean matches(String expected, String actual) {
        StringBuilder regex = new StringBuilder();
        String[] lines = expected.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                regex.append(line.equals("*") || lines[i - 1].equals("*") ? "\n?" : "\n");
            }
            if (line.equals("*")) {
                regex.append("(?s:.*)");
                continue;
            }
            boolean lead = line.startsWith("*");
            boolean trail = line.length() > 1 && line.endsWith("*");
            String core = line.substring(lead ? 1 : 0, line.length() - (trail ? 1 : 0));
            regex.append(lead ? "(?s:.*)" : "").append(Pattern.quote(core)).append(trail ? "(?s:.*)" : "");
        }
        return Pattern.compile(regex.toString()).matcher(actual).matches();
    }

    public String name() {
        return name;
    }
}
