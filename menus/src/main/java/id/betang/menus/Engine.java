package id.betang.menus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure dialogue step: {@code (state, input) → Reply | Call} and {@code (state, actionResult) → ...}.
 * No I/O, no clock, no threads: the gateway's dialogue loop calls actions and stores the state.
 * Navigation keys: {@code 0} back, {@code 00} home, {@code 99} more, unless the screen itself gives
 * one of them a meaning (e.g. "0 Keluar" on the start menu, "0 = tidak tahu" on an optional input).
 */
public final class Engine {

    public static final int MAX_STRIKES = 3;

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
            return enter(state.home(tree.start()));
        }
        if (input.equals("00")) {
            return enter(state.home(tree.start()));
        }
        if (!claims(screen, input, state)) {
            if (input.equals("99") && state.page() + 1 < renderer.pages(screen, state, null).size()) {
                return show(state.withPage(state.page() + 1), null);
            }
            if (input.equals("0") && !state.trail().isEmpty()) {
                return enter(state.back());
            }
        }
        if (screen instanceof Screen.Menu menu) {
            return menu.option(input, state.audience())
                    .map(option -> enter(chosen(menu, option, state).forward(option.next())))
                    .orElseGet(() -> invalid(state, screen));
        }
        if (screen instanceof Screen.Input in) {
            if (in.skipKey().filter(input::equals).isPresent()) {
                return enter(state.without(in.saveAs()).forward(in.skipNext().orElseThrow()));
            }
            if (in.rule().accepts(input)) {
                return enter(state.withValues(Map.of(in.saveAs(), normalise(in.rule(), input))).forward(in.next()));
            }
            return invalid(state, screen);
        }
        Screen.Info info = (Screen.Info) screen;
        return info.next().map(next -> enter(state.forward(next))).orElseGet(() -> invalid(state, screen));
    }

    /** Continues after an action: to the screen its outcome names, with its values available to templates. */
    public Step resume(DialogueState state, ActionResult result) {
        if (!(tree.screen(state.screen()) instanceof Screen.Action action)) {
            return enter(state.home(tree.start()));
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

    private Step enter(DialogueState state) {
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

    private Step invalid(DialogueState state, Screen screen) {
        DialogueState struck = state.withStrike().withPending(List.of());
        if (struck.strikes() >= MAX_STRIKES) {
            return new Step.Reply(struck, tree.system("tooManyInvalid", state.lang()), true);
        }
        return show(struck, tree.system("invalid", state.lang()));
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

    private static DialogueState chosen(Screen.Menu menu, Screen.Option option, DialogueState state) {
        if (menu.saveAs().isPresent() && option.value().isPresent()) {
            return state.withValues(Map.of(menu.saveAs().get(), option.value().get()));
        }
        return state;
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
