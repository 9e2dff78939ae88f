package id.betang.menus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure dialogue step: {@code (state, input) → Reply | Call} and {@code (state, actionResult) → ...}.
 * No I/O, no clock, no threads: the gateway's dialogue loop calls actions and stores the state.
 * Navigation keys: {@code 0} back, {@code 00} home, {@code 99} more, unless the screen itself gives
 * one of them a meaning (e.g. "0 Keluar" on the start menu, "0 = tidak tahu" on an optional input).
 * {@code 0} always works: on a result screen it goes back to the menu the caller came from, on a screen a
 * dialogue opened on (no trail) to the main menu. A rejected answer is shown again under the menu's text
 * for what went wrong ({@link InputRule.Rejection}); three in a row end the dialogue.
 */
public final class Engine {

    public static final int MAX_STRIKES = 3;
    /** The text shown for a menu answer that is not one of its options ("Pilih 1-7"). */
    public static final String WRONG_CHOICE = "invalid.choice";
    /** Where a "change one part" answer returns to; kept among the values so it survives a saved session. */
    static final String RETURN_TO = "_returnTo";

    private final MenuTree tree;
    private final Renderer renderer;

    public Engine(MenuTree tree, ScreenLimits limits) {
        this.tree = tree;
        this.renderer = new Renderer(tree, limits);
    }

    public MenuTree tree() {
        return tree;
    }

    /** A new dialogue; {@code shortcut} holds the inputs of a dialled string like *777*1*2# (here 1, 2). */
    public Step begin(Screen.Audience audience, String lang, List<String> shortcut) {
        return begin(audience, lang, shortcut, Map.of());
    }

    /** @param context values known before the first screen (e.g. the agent id of a social worker's phone) */
    public Step begin(Screen.Audience audience, String lang, List<String> shortcut, Map<String, String> context) {
        return beginAt(tree.start(), audience, lang, shortcut, context);
    }

    /** A new dialogue that opens on another screen than the menu's start (e.g. "continue your complaint?"). */
    public Step beginAt(String screen, Screen.Audience audience, String lang, List<String> shortcut,
                        Map<String, String> context) {
        String language = tree.languages().contains(lang) ? lang : tree.defaultLanguage();
        if (!tree.opensOn(screen)) {
            throw new IllegalArgumentException("menu " + tree.name() + " does not open on '" + screen
                    + "'; list it under 'entries'");
        }
        return enter(DialogueState.start(screen, language, audience, shortcut).withValues(context));
    }

    public Step next(DialogueState state, String typed) {
        String input = typed == null ? "" : typed.strip();
        Screen screen = tree.screen(state.screen());
        if (screen instanceof Screen.Action || screen instanceof Screen.End) {
            // a stale state (e.g. a lost action result): start over rather than guess
            return enter(home(state));
        }
        if (input.equals("00")) {
            return enter(home(state));
        }
        if (!claims(screen, input, state)) {
            if (input.equals("99") && state.page() + 1 < renderer.pages(screen, state, null).size()) {
                return show(state.withPage(state.page() + 1), null);
            }
            if (input.equals("0")) {
                return enter(back(state, screen));
            }
        }
        if (screen instanceof Screen.Menu menu) {
            return menu.option(input, state.audience())
                    .map(option -> enter(chosen(menu, option, state)))
                    .orElseGet(() -> invalid(state, choice(menu, state)));
        }
        if (screen instanceof Screen.Input in) {
            return answered(in, input, state);
        }
        Screen.Info info = (Screen.Info) screen;
        return info.next().map(next -> enter(state.forward(next)))
                .orElseGet(() -> invalid(state, new InputRule.Rejection(WRONG_CHOICE, Map.of("choices", "0/00"))));
    }

    private Step answered(Screen.Input in, String input, DialogueState state) {
        if (in.skipKey().filter(input::equals).isPresent()) {
            return enter(onward(state.without(in.saveAs()), in.skipNext().orElseThrow()));
        }
        if (in.tooLong().isPresent() && in.rule() instanceof InputRule.FreeText text && text.tooLong(input)) {
            // kept, not thrown away: cut at a word and offered back by the tooLong screen
            return enter(state.withValues(Map.of(in.saveAs(), text.cut(input))).forward(in.tooLong().get()));
        }
        Optional<InputRule.Rejection> problem = in.rule().problem(input);
        if (problem.isPresent()) {
            return invalid(state, problem.get());
        }
        DialogueState saved = state.withValues(Map.of(in.saveAs(), normalise(in.rule(), input)));
        String next = in.next();
        if (in.derive().isPresent()) {
            Screen.Derive derive = in.derive().get();
            String code = input.length() >= derive.prefix() ? input.substring(0, derive.prefix()) : "";
            if (tree.label(derive.labels(), code, state.lang()).isPresent()) {
                saved = saved.withValues(Map.of(derive.saveAs(), code));
                next = derive.next();
            }
        }
        return enter(onward(saved, next));
    }

    /** Forward to {@code next}, or back to the screen a "change one part" option asked to return to. */
    private static DialogueState onward(DialogueState state, String next) {
        if (state.values().get(RETURN_TO) instanceof String back) {
            return state.without(RETURN_TO).forward(back);
        }
        return state.forward(next);
    }

    /**
     * "0 back": to the screen before, except on a result (info) screen, where it goes to the menu the caller
     * came from rather than to the question that led there (the NIK prompt). Without a trail (a dialogue that
     * opened on this screen) back is the main menu.
     */
    private DialogueState back(DialogueState state, Screen screen) {
        DialogueState back = state;
        while (!back.trail().isEmpty()) {
            back = back.back();
            if (!(screen instanceof Screen.Info) || tree.screen(back.screen()) instanceof Screen.Menu) {
                return back.without(RETURN_TO);
            }
        }
        return home(state);
    }

    private DialogueState home(DialogueState state) {
        return state.home(tree.start()).without(RETURN_TO);
    }

    /** Continues after an action: to the screen its outcome names, with its values available to templates. */
    public Step resume(DialogueState state, ActionResult result) {
        if (!(tree.screen(state.screen()) instanceof Screen.Action action)) {
            return enter(home(state));
        }
        DialogueState withResult = state.withValues(result.values());
        if (result.values().get("lang") instanceof String lang && tree.languages().contains(lang)) {
            withResult = withResult.withLang(lang);
        }
        String target = action.outcomes().getOrDefault(result.outcome(),
                action.outcomes().get(ActionCatalog.UNAVAILABLE));
        return enter(withResult.at(target));
    }

    /**
     * The whole text of the screen an action's result leads to, for an answer that arrives after the dialogue
     * has moved on and goes out by SMS. Empty when that screen asks for something (a menu, an input, another
     * action): a question makes no sense outside the dialogue.
     */
    public java.util.Optional<String> message(DialogueState callState, ActionResult result) {
        if (!(tree.screen(callState.screen()) instanceof Screen.Action action)) {
            return java.util.Optional.empty();
        }
        String target = action.outcomes().getOrDefault(result.outcome(), action.outcomes().get(ActionCatalog.UNAVAILABLE));
        Screen screen = tree.screen(target);
        if (!(screen instanceof Screen.Info || screen instanceof Screen.End)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(renderer.whole(screen, callState.withValues(result.values()).at(target)));
    }

    private Step enter(DialogueState arrived) {
        // back where a "change one part" option asked to return: that errand is done
        DialogueState state = arrived.screen().equals(arrived.values().get(RETURN_TO)) ? arrived.without(RETURN_TO) : arrived;
        Screen screen = tree.screen(state.screen());
        if (screen instanceof Screen.Action action) {
            return new Step.Call(state, action.action(), params(action, state));
        }
        if (screen instanceof Screen.End) {
            return new Step.Reply(state, renderer.pages(screen, state, null).get(0), true);
        }
        if (!state.pending().isEmpty()) {
            List<String> pending = state.pending();
            return next(state.withPending(pending.subList(1, pending.size())), pending.get(0));
        }
        return show(state, null);
    }

    private Step show(DialogueState state, String notice) {
        List<String> pages = renderer.pages(tree.screen(state.screen()), state, notice);
        return new Step.Reply(state, pages.get(Math.min(state.page(), pages.size() - 1)), false);
    }

    private Step invalid(DialogueState state, InputRule.Rejection why) {
        DialogueState struck = state.withStrike().withPending(List.of());
        if (struck.strikes() >= MAX_STRIKES) {
            return new Step.Reply(struck, tree.system("tooManyInvalid", state.lang()), true);
        }
        String message = tree.optionalSystem(why.key(), state.lang()).orElseGet(() -> tree.system("invalid", state.lang()));
        return show(struck, new Template(tree, state.lang()).fill(message, why.values(), null));
    }

    /** "Pilih 1-7": the choices this caller sees, runs of three or more written as a range. */
    private static InputRule.Rejection choice(Screen.Menu menu, DialogueState state) {
        List<Integer> keys = menu.options().stream().filter(o -> o.visibleTo(state.audience()))
                .map(Screen.Option::key).filter(k -> k.matches("\\d{1,2}")).map(Integer::parseInt).sorted().toList();
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); ) {
            int j = i;
            while (j + 1 < keys.size() && keys.get(j + 1) == keys.get(j) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(keys.get(i) + "-" + keys.get(j));
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(String.valueOf(keys.get(k)));
                }
            }
            i = j + 1;
        }
        return new InputRule.Rejection(WRONG_CHOICE, Map.of("choices", String.join("/", parts)));
    }

    /** Whether the screen itself gives this input a meaning, overriding the navigation keys. */
    private static boolean claims(Screen screen, String input, DialogueState state) {
        if (screen instanceof Screen.Menu menu) {
            return menu.option(input, state.audience()).isPresent();
        }
        if (screen instanceof Screen.Input in) {
            return in.skipKey().filter(input::equals).isPresent();
        }
        return false;
    }

    /** Where choosing an option leads, with its value saved when the menu saves one. */
    private static DialogueState chosen(Screen.Menu menu, Screen.Option option, DialogueState state) {
        DialogueState chosen = state;
        if (menu.saveAs().isPresent() && option.value().isPresent()) {
            chosen = chosen.withValues(Map.of(menu.saveAs().get(), option.value().get()));
            return onward(chosen, option.next());
        }
        if (option.returnTo().isPresent()) {
            chosen = chosen.withValues(Map.of(RETURN_TO, option.returnTo().get()));
        }
        return chosen.forward(option.next());
    }

    private static String normalise(InputRule rule, String input) {
        return rule instanceof InputRule.Ticket ? TicketId.normalise(input) : input;
    }

    private Map<String, String> params(Screen.Action action, DialogueState state) {
        Template template = new Template(tree, state.lang());
        Map<String, String> params = new LinkedHashMap<>();
        action.params().forEach((name, value) -> params.put(name, template.fill(value, state.values(), null)));
        return params;
    }
}
