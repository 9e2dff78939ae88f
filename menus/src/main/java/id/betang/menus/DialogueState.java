package id.betang.menus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a dialogue stands: small and immutable so it can be saved to the session store after every step.
 *
 * @param screen   the screen shown (or the action being called)
 * @param page     which page of a long screen is shown
 * @param strikes  invalid answers in a row on this screen
 * @param trail    screens shown before this one, most recent last, for "0 back"
 * @param values   what the caller typed and what actions returned: a String or a list of String maps
 * @param pending  inputs still to replay from a dialled shortcut such as *777*1*2#
 */
public record DialogueState(String screen, String lang, Screen.Audience audience, int page, int strikes,
                            List<String> trail, Map<String, Object> values, List<String> pending) {

    private static final int MAX_TRAIL = 12;

    public DialogueState {
        trail = List.copyOf(trail);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        pending = List.copyOf(pending);
    }

    public static DialogueState start(String screen, String lang, Screen.Audience audience, List<String> shortcut) {
        return new DialogueState(screen, lang, audience, 0, 0, List.of(), Map.of(), shortcut);
    }

    DialogueState at(String id) {
        return new DialogueState(id, lang, audience, 0, strikes, trail, values, pending);
    }

    DialogueState forward(String id) {
        List<String> longer = new ArrayList<>(trail);
        longer.add(screen);
        if (longer.size() > MAX_TRAIL) {
            longer.remove(0);
        }
        return new DialogueState(id, lang, audience, 0, 0, longer, values, pending);
    }

    DialogueState back() {
        List<String> shorter = new ArrayList<>(trail);
        String previous = shorter.remove(shorter.size() - 1);
        return new DialogueState(previous, lang, audience, 0, 0, shorter, values, pending);
    }

    DialogueState home(String start) {
        return new DialogueState(start, lang, audience, 0, 0, List.of(), values, pending);
    }

    DialogueState withPage(int newPage) {
        return new DialogueState(screen, lang, audience, newPage, strikes, trail, values, pending);
    }

    DialogueState withStrike() {
        return new DialogueState(screen, lang, audience, 0, strikes + 1, trail, values, pending);
    }

    DialogueState withValues(Map<String, ?> more) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(more);
        return new DialogueState(screen, lang, audience, page, strikes, trail, merged, pending);
    }

    DialogueState without(String key) {
        Map<String, Object> fewer = new LinkedHashMap<>(values);
        fewer.remove(key);
        return new DialogueState(screen, lang, audience, page, strikes, trail, fewer, pending);
    }

    DialogueState withLang(String newLang) {
        return new DialogueState(screen, newLang, audience, page, strikes, trail, values, pending);
    }

    DialogueState withPending(List<String> rest) {
        return new DialogueState(screen, lang, audience, page, strikes, trail, values, rest);
    }
}
