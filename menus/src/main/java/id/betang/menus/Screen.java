package id.betang.menus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One screen of a USSD dialogue. Screens are data loaded from YAML; the engine moves between them
 * by id. {@code line} is where the screen starts in its file, so validation errors can point at it.
 */
public sealed interface Screen {

    String id();

    int line();

    /**
     * Numbered choices. Options with an audience are shown only to callers who have it (e.g. agents).
     * With {@code saveAs}, the chosen option's value is stored under that name (a category, a district).
     */
    record Menu(String id, int line, Text text, List<Option> options, Optional<String> saveAs) implements Screen {
        public Menu {
            options = List.copyOf(options);
        }

        public Optional<Option> option(String key, Audience audience) {
            return options.stream().filter(o -> o.key().equals(key) && o.visibleTo(audience)).findFirst();
        }
    }

    /**
     * Asks for one value, checks it, stores it under {@code saveAs} and moves on. A skip key (e.g. "0 = tidak
     * punya") lets an optional answer be left out; it overrides the usual meaning of that key. With
     * {@code tooLong}, a free text over its limit is cut and stored, and that screen offers it back.
     * With {@code derive}, part of the answer may settle a later question (a NIK names its district).
     */
    record Input(String id, int line, Text text, Optional<Text> item, InputRule rule, String saveAs, String next,
                 Optional<String> skipKey, Optional<String> skipNext, Optional<String> tooLong,
                 Optional<Derive> derive) implements Screen {
    }

    /**
     * A value read off an accepted answer: its first {@code prefix} characters, stored under {@code saveAs}
     * when they are a code of the label table {@code labels}; the dialogue then goes to {@code next} instead
     * of the input's own next (the question it answers is skipped). Otherwise nothing is derived.
     */
    record Derive(String saveAs, int prefix, String labels, String next) {
    }

    /**
     * Shows text (a template filled from the session's values) and waits; any answer goes to next, if any.
     * {@code item} formats each element of a list value (programmes, disbursements) on a line of its own.
     */
    record Info(String id, int line, Text text, Optional<Text> item, Optional<String> next) implements Screen {
    }

    /** Shows its text and ends the dialogue. */
    record End(String id, int line, Text text) implements Screen {
    }

    /**
     * Not shown: calls a named action (never a URL) with parameters filled from the session, then continues
     * at the screen its outcome names.
     */
    record Action(String id, int line, String action, Map<String, String> params,
                  Map<String, String> outcomes) implements Screen {
        public Action {
            params = Map.copyOf(params);
            outcomes = Map.copyOf(outcomes);
        }
    }

    /**
     * With {@code returnTo}, the one answer asked after choosing this option leads back to that screen instead
     * of on through the steps: "change the village" on a summary asks the village and shows the summary again.
     */
    record Option(String key, Text text, String next, Optional<String> value, Optional<Audience> audience,
                  Optional<String> returnTo) {
        public boolean visibleTo(Audience caller) {
            return audience.isEmpty() || audience.get() == caller;
        }
    }

    /** Who is calling; decides which options a menu shows. */
    enum Audience { RESIDENT, AGENT }
}
