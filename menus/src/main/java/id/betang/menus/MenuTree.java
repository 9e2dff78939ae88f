package id.betang.menus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded menu: its screens by id, the start screen, its languages (the first is the default),
 * {@code entries} are screens a dialogue may open on besides the start (e.g. "continue your complaint?");
 * label tables for template filters ({@code {status|status}}) and system texts (more, back, invalid, and one
 * text for each way an answer can be wrong, e.g. {@code invalid.nik.length}).
 */
public record MenuTree(String name, String source, String start, List<String> languages,
                       Map<String, Screen> screens, Map<String, Map<String, Text>> labels,
                       Map<String, Text> systemTexts, List<String> entries) {

    /** System texts every menu must define, used by the renderer and the engine. */
    public static final List<String> SYSTEM_TEXTS = List.of("more", "nav", "invalid", Engine.WRONG_CHOICE,
            "tooManyInvalid", "busy");

    public MenuTree {
        languages = List.copyOf(languages);
        screens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(screens));
        labels = Map.copyOf(labels);
        systemTexts = Map.copyOf(systemTexts);
        entries = List.copyOf(entries);
    }

    /** Whether a dialogue may open on this screen: the start, or one of the menu's declared {@code entries}. */
    public boolean opensOn(String screen) {
        return start.equals(screen) || entries.contains(screen);
    }

    public String defaultLanguage() {
        return languages.get(0);
    }

    public Screen screen(String id) {
        Screen screen = screens.get(id);
        if (screen == null) {
            throw new IllegalArgumentException("no screen '" + id + "' in menu " + name);
        }
        return screen;
    }

    public String system(String key, String lang) {
        return systemTexts.get(key).in(lang, defaultLanguage());
    }

    /** A text a menu may define for one channel's needs (e.g. an SMS follow-up); empty when it does not. */
    public Optional<String> optionalSystem(String key, String lang) {
        return Optional.ofNullable(systemTexts.get(key)).map(t -> t.in(lang, defaultLanguage()));
    }

    public Optional<String> label(String table, String code, String lang) {
        Map<String, Text> entries = labels.get(table);
        if (entries == null || !entries.containsKey(code)) {
            return Optional.empty();
        }
        return Optional.of(entries.get(code).in(lang, defaultLanguage()));
    }
}
