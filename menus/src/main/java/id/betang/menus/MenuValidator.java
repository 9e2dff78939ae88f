package id.betang.menus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a whole menu tree: every target exists, every screen is reachable, option numbers are unique,
 * every action is known and every outcome it can produce is handled, static texts fit one screen, every
 * way an input can refuse an answer has its text, and no screen advertises a key it does not handle.
 * A text outside GSM 03.38 is a warning: it silently switches the screen to the much smaller UCS-2 limit.
 */
public final class MenuValidator {

    private final ActionCatalog actions;
    private final ScreenLimits limits;
    private final MenuRequirements required;

    public MenuValidator(ActionCatalog actions, ScreenLimits limits) {
        this(actions, limits, MenuRequirements.NONE);
    }

    /** @param required what the program serving the menu names in its code, which the menu must have */
    public MenuValidator(ActionCatalog actions, ScreenLimits limits, MenuRequirements required) {
        this.actions = actions;
        this.limits = limits;
        this.required = required;
    }

    public List<MenuError> validate(MenuTree tree) {
        List<MenuError> errors = new ArrayList<>();
        Map<String, Screen> screens = tree.screens();
        for (String entry : tree.entries()) {
            if (!screens.containsKey(entry)) {
                errors.add(new MenuError(tree.source(), 1, null, "entry screen '" + entry + "' does not exist", false));
            }
        }
        if (!screens.containsKey(tree.start())) {
            errors.add(new MenuError(tree.source(), 1, null, "start screen '" + tree.start() + "' does not exist", false));
        }
        for (Screen screen : screens.values()) {
            for (Map.Entry<String, String> target : targets(screen).entrySet()) {
                if (!screens.containsKey(target.getValue())) {
                    errors.add(error(tree, screen, target.getKey() + " goes to unknown screen '" + target.getValue() + "'"));
                }
            }
            checkScreen(tree, screen, errors);
            checkAdvertisedKeys(tree, screen, errors);
        }
        for (String unreachable : unreachable(tree)) {
            errors.add(error(tree, screens.get(unreachable), "cannot be reached from '" + tree.start() + "'"));
        }
        tree.systemTexts().forEach((key, text) -> checkText(tree, null, "texts." + key, text, errors));
        checkRequired(tree, errors);
        checkNavigationHints(tree, errors);
        checkLanguagesOffered(tree, errors);
        return errors;
    }

    /**
     * The languages come from the menu alone: each one it declares beyond the default (which every dialogue
     * starts in) must be offered by a language switch, and a switch may only name a declared one. A menu with
     * no switch at all (a small test menu) is fine.
     */
    private void checkLanguagesOffered(MenuTree tree, List<MenuError> errors) {
        Map<String, Screen.Action> switches = new LinkedHashMap<>();
        tree.screens().values().stream()
                .filter(s -> s instanceof Screen.Action a && ActionCatalog.LANGUAGE.equals(a.action()))
                .map(Screen.Action.class::cast)
                .forEach(a -> switches.putIfAbsent(a.params().getOrDefault("lang", ""), a));
        if (switches.isEmpty()) {
            return;
        }
        switches.forEach((lang, a) -> {
            if (!tree.languages().contains(lang)) {
                errors.add(error(tree, a, "switches to language '" + lang + "', which 'languages' does not declare"));
            }
        });
        tree.languages().stream().skip(1).filter(lang -> !switches.containsKey(lang)).forEach(lang -> errors.add(
                new MenuError(tree.source(), 1, null, "language '" + lang + "' is declared but no "
                        + ActionCatalog.LANGUAGE + " screen switches to it", false)));
    }

    private void checkRequired(MenuTree tree, List<MenuError> errors) {
        required.screens().stream().sorted().filter(id -> !tree.screens().containsKey(id)).forEach(id -> errors.add(
                new MenuError(tree.source(), 1, null, "screen '" + id + "' is required (the gateway opens or reads it)"
                        + " but the menu has none", false)));
        required.systemTexts().stream().sorted().filter(key -> !tree.systemTexts().containsKey(key)).forEach(key ->
                errors.add(new MenuError(tree.source(), 1, null, "text '" + key + "' is required (the gateway sends it)"
                        + " but 'texts' has none", false)));
        required.outcomes().forEach((action, outcomes) -> outcomes.stream().sorted()
                .filter(outcome -> !actions.outcomes(action).contains(outcome))
                .forEach(outcome -> errors.add(new MenuError(tree.source(), 1, null, "action " + action
                        + " has no outcome '" + outcome + "' in the catalogue, yet the gateway names it", false))));
    }

    private void checkScreen(MenuTree tree, Screen screen, List<MenuError> errors) {
        if (screen instanceof Screen.Menu menu) {
            Set<String> keys = new HashSet<>();
            for (Screen.Option option : menu.options()) {
                if (!keys.add(option.key())) {
                    errors.add(error(tree, screen, "option " + option.key() + " appears twice"));
                }
                if (!option.key().matches("\\d{1,2}") || option.key().equals("99") || option.key().equals("00")) {
                    errors.add(error(tree, screen, "option key '" + option.key()
                            + "' must be a number of one or two digits other than 99 (more) and 00 (home)"));
                }
                checkText(tree, screen, "option " + option.key(), option.text(), errors);
            }
            checkText(tree, screen, "text", menu.text(), errors);
        } else if (screen instanceof Screen.Input input) {
            checkText(tree, screen, "text", input.text(), errors);
            if (input.saveAs().isBlank()) {
                errors.add(error(tree, screen, "'save' must name the value the input stores"));
            }
            for (String key : input.rule().messageKeys()) {
                if (!tree.systemTexts().containsKey(key)) {
                    errors.add(error(tree, screen, "texts." + key + " is missing: it tells the caller what is wrong"
                            + " with an answer this input refuses"));
                }
            }
            input.derive().filter(d -> !tree.labels().containsKey(d.labels())).ifPresent(d -> errors.add(
                    error(tree, screen, "derive names unknown label table '" + d.labels() + "'")));
        } else if (screen instanceof Screen.Info info) {
            checkText(tree, screen, "text", info.text(), errors);
        } else if (screen instanceof Screen.End end) {
            checkText(tree, screen, "text", end.text(), errors);
        } else if (screen instanceof Screen.Action action) {
            checkAction(tree, action, errors);
        }
    }

    /**
     * A screen must not advertise a key it does not handle: "1 Coba lagi" on a screen that goes nowhere, "0 = tidak
     * tahu" on an input without that skip key (0 would go back), an option 0 under the "0 Kembali" hint.
     */
    private void checkAdvertisedKeys(MenuTree tree, Screen screen, List<MenuError> errors) {
        if (screen instanceof Screen.Action) {
            return;
        }
        Set<String> navKeys = new HashSet<>();
        Optional.ofNullable(tree.systemTexts().get("nav"))
                .ifPresent(nav -> nav.byLanguage().values().forEach(t -> navKeys.addAll(AdvertisedKeys.inHint(t))));
        for (Map.Entry<String, String> text : Renderer.text(screen).byLanguage().entrySet()) {
            for (String key : AdvertisedKeys.inScreenText(text.getValue())) {
                unhandled(tree, screen, key).ifPresent(why -> errors.add(error(tree, screen, "text (" + text.getKey()
                        + ") advertises key " + key + " but " + why)));
            }
        }
        if (screen instanceof Screen.Menu menu && !menu.id().equals(tree.start()) && menu.options().stream().anyMatch(o -> o.key().equals("0"))
                && navKeys.contains("0")) {
            errors.add(error(tree, screen, "option 0 hides the '0' of the navigation hint (texts.nav) shown below it"));
        }
    }

    /** Why the screen does not do what the key says; empty when it handles the key. */
    private static Optional<String> unhandled(MenuTree tree, Screen screen, String key) {
        boolean nav = key.equals("0") || key.equals("00") || key.equals("99");
        if (screen instanceof Screen.Menu menu) {
            return menu.options().stream().anyMatch(o -> o.key().equals(key)) || nav
                    ? Optional.empty() : Optional.of("the menu has no option " + key);
        }
        if (screen instanceof Screen.Input input) {
            return input.skipKey().filter(key::equals).isPresent() || input.rule().accepts(key)
                    ? Optional.empty() : Optional.of("the input neither skips on it nor accepts it"
                    + (key.equals("0") ? " (0 goes back)" : ""));
        }
        if (screen instanceof Screen.Info info) {
            if (nav) {
                return Optional.of(key + " is a navigation key there, not an answer");
            }
            return info.next().isPresent() ? Optional.empty() : Optional.of("the screen has no 'next'");
        }
        return Optional.of("the dialogue ends on this screen");
    }

    /** The navigation hint offers only what the engine does on every screen: 0 back, 00 menu; "more" only 99. */
    private static void checkNavigationHints(MenuTree tree, List<MenuError> errors) {
        Map<String, Set<String>> allowed = Map.of("nav", Set.of("0", "00"), "more", Set.of("99"));
        allowed.forEach((name, keys) -> {
            Text text = tree.systemTexts().get(name);
            if (text == null) {
                return;
            }
            text.byLanguage().forEach((lang, value) -> AdvertisedKeys.inHint(value).stream()
                    .filter(key -> !keys.contains(key)).forEach(key -> errors.add(new MenuError(tree.source(), 1, null,
                            "texts." + name + " (" + lang + ") advertises key " + key + ", which the engine does not handle"
                                    + " there (only " + String.join(", ", new java.util.TreeSet<>(keys)) + ")", false))));
        });
    }

    private void checkAction(MenuTree tree, Screen.Action action, List<MenuError> errors) {
        if (!actions.knows(action.action())) {
            errors.add(error(tree, action, "unknown action '" + action.action() + "'"));
            return;
        }
        for (String outcome : actions.outcomes(action.action())) {
            if (!action.outcomes().containsKey(outcome)) {
                errors.add(error(tree, action, "outcome '" + outcome + "' of " + action.action() + " is not handled"));
            }
        }
        for (String outcome : action.outcomes().keySet()) {
            if (!actions.outcomes(action.action()).contains(outcome)) {
                errors.add(error(tree, action, action.action() + " never has outcome '" + outcome + "'"));
            }
        }
    }

    /** Static texts (no placeholders) must fit one screen in every language; placeholders are paged at run time. */
    private void checkText(MenuTree tree, Screen screen, String what, Text text, List<MenuError> errors) {
        for (Map.Entry<String, String> entry : text.byLanguage().entrySet()) {
            String value = entry.getValue();
            int bad = GsmAlphabet.firstNonGsm(value);
            if (bad >= 0) {
                errors.add(new MenuError(tree.source(), line(screen), id(screen), what + " (" + entry.getKey()
                        + ") has '" + Character.toString(value.codePointAt(bad)) + "', not in GSM 03.38: the screen drops to "
                        + limits.ucs2() + " characters", true));
            }
            if (!value.contains("{") && !limits.fits(value)) {
                errors.add(new MenuError(tree.source(), line(screen), id(screen), what + " (" + entry.getKey() + ") is "
                        + limits.cost(value) + " characters, over the screen limit of " + limits.capacityFor(value), false));
            }
        }
    }

    /** Where a screen can lead, by a description of the path for error messages. */
    static Map<String, String> targets(Screen screen) {
        Map<String, String> targets = new LinkedHashMap<>();
        if (screen instanceof Screen.Menu menu) {
            menu.options().forEach(o -> targets.put("option " + o.key(), o.next()));
            menu.options().forEach(o -> o.returnTo().ifPresent(back -> targets.put("option " + o.key() + " returnTo", back)));
        } else if (screen instanceof Screen.Input input) {
            targets.put("next", input.next());
            input.skipNext().ifPresent(next -> targets.put("skip", next));
            input.tooLong().ifPresent(next -> targets.put("tooLong", next));
            input.derive().ifPresent(derive -> targets.put("derive", derive.next()));
        } else if (screen instanceof Screen.Info info) {
            info.next().ifPresent(next -> targets.put("next", next));
        } else if (screen instanceof Screen.Action action) {
            action.outcomes().forEach((outcome, next) -> targets.put("outcome " + outcome, next));
        }
        return targets;
    }

    private static List<String> unreachable(MenuTree tree) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(tree.start()));
        todo.addAll(tree.entries());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Screen screen = tree.screens().get(id);
            if (screen != null && seen.add(id)) {
                todo.addAll(targets(screen).values());
            }
        }
        return tree.screens().keySet().stream().filter(id -> !seen.contains(id)).toList();
    }

    private static MenuError error(MenuTree tree, Screen screen, String message) {
        return new MenuError(tree.source(), line(screen), id(screen), message, false);
    }

    private static int line(Screen screen) {
        return Optional.ofNullable(screen).map(Screen::line).orElse(1);
    }

    private static String id(Screen screen) {
        return screen == null ? null : screen.id();
    }
}
