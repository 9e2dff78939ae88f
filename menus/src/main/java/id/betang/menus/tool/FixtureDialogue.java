package id.betang.menus.tool;

import java.util.List;

import id.betang.menus.DialogueState;
import id.betang.menus.Engine;
import id.betang.menus.Screen;
import id.betang.menus.Step;

/**
 * A dialogue whose actions are answered by {@link Fixtures}: what the gateway's dialogue loop does,
 * minus Redis and the registry. Used by {@code try}, transcripts, the tests and the benchmark.
 */
public final class FixtureDialogue {

    private static final int MAX_ACTIONS_PER_STEP = 8;

    private final Engine engine;
    private final Fixtures fixtures;
    private DialogueState state;
    private boolean ended = true;

    public FixtureDialogue(Engine engine, Fixtures fixtures) {
        this.engine = engine;
        this.fixtures = fixtures;
    }

    /** Dials: {@code inputs} are those of a shortcut such as *777*1*2#. */
    public Step.Reply dial(Screen.Audience audience, String lang, List<String> inputs) {
        fixtures.restart();
        return settle(engine.begin(audience, lang, inputs));
    }

    public Step.Reply send(String input) {
        if (ended) {
            throw new IllegalStateException("the dialogue has ended; dial again");
        }
        return settle(engine.next(state, input));
    }

    public boolean ended() {
        return ended;
    }

    public DialogueState state() {
        return state;
    }

    private Step.Reply settle(Step step) {
        int actions = 0;
        while (step instanceof Step.Call call) {
            if (++actions > MAX_ACTIONS_PER_STEP) {
                throw new IllegalStateException("actions loop at screen " + call.state().screen());
            }
            step = engine.resume(call.state(), fixtures.answer(call.action(), call.params()));
        }
        Step.Reply reply = (Step.Reply) step;
        state = reply.state();
        ended = reply.end();
        return reply;
    }
}
