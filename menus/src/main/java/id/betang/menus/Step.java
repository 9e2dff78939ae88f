package id.betang.menus;

import java.util.Map;

/** What the engine wants next: show a screen (maybe the last), or call an action and come back. */
public sealed interface Step {

    DialogueState state();

    record Reply(DialogueState state, String text, boolean end) implements Step {
    }

    record Call(DialogueState state, String action, Map<String, String> params) implements Step {
        public Call {
            params = Map.copyOf(params);
        }
    }
}
