package id.betang.menus;

import java.util.Map;
import java.util.Set;

/** A user-facing text in every language of the menu; the menu's first language is the fallback. */
public record Text(Map<String, String> byLanguage) {

    public Text {
        byLanguage = Map.copyOf(byLanguage);
    }

    public static Text of(String lang, String text) {
        return new Text(Map.of(lang, text));
    }

    public String in(String lang, String fallbackLang) {
        String text = byLanguage.get(lang);
        return text != null ? text : byLanguage.getOrDefault(fallbackLang, "");
    }

    public Set<String> languages() {
        return byLanguage.keySet();
    }
}
