package id.betang.gateway.ussd;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Mask;
import id.betang.gateway.session.SessionStore;
import id.betang.menus.DialogueState;
import id.betang.menus.Engine;
import id.betang.menus.Screen;
import id.betang.menus.Step;
import io.vertx.core.Future;

/**
 * The dialogue loop, the same for every channel: session from Redis → engine step → actions → reply,
 * saving the session once per step with its TTL. An ended or aborted dialogue leaves no session behind.
 * When Redis cannot be reached the caller gets a clear "busy" screen, never silence.
 */
public final class Dialogue {

    private static final Logger LOG = LoggerFactory.getLogger(Dialogue.class);
    private static final int MAX_ACTIONS_PER_STEP = 8;

    private final Engine engine;
    private final SessionStore sessions;
    private final Actions actions;

    public Dialogue(Engine engine, SessionStore sessions, Actions actions) {
        this.engine = engine;
        this.sessions = sessions;
        this.actions = actions;
    }

    /** @return the reply to show, or empty when there is nothing to send (an abort) */
    public Future<Optional<UssdReply>> handle(UssdRequest request) {
        Future<Optional<UssdReply>> reply = switch (request.kind()) {
            case ABORT -> sessions.delete(request.sessionKey()).map(v -> Optional.<UssdReply>empty());
            case BEGIN -> run(request, engine.begin(Screen.Audience.RESIDENT, engine.tree().defaultLanguage(),
                    request.inputs()), 0).map(Optional::of);
            case CONTINUE -> sessions.load(request.sessionKey()).compose(state -> run(request,
                    state.map(s -> engine.next(s, request.input()))
                            // the session expired or never existed here: start over rather than fail
                            .orElseGet(() -> engine.begin(Screen.Audience.RESIDENT,
                                    engine.tree().defaultLanguage(), java.util.List.of())), 0))
                    .map(Optional::of);
        };
        return reply.recover(e -> {
            LOG.warn("dialogue {} could not be served: {}", Mask.numbersIn(request.sessionKey()), e.toString());
            return Future.succeededFuture(Optional.of(busy()));
        });
    }

    private Future<UssdReply> run(UssdRequest request, Step step, int actionsSoFar) {
        if (step instanceof Step.Call call) {
            if (actionsSoFar >= MAX_ACTIONS_PER_STEP) {
                // a menu whose actions loop would otherwise never answer
                return Future.failedFuture(new IllegalStateException("too many actions in one step at " + call.state().screen()));
            }
            return actions.call(call.action(), call.params(), new Actions.Caller(request.msisdn(), request.channel()))
                    .compose(result -> run(request, engine.resume(call.state(), result), actionsSoFar + 1));
        }
        Step.Reply reply = (Step.Reply) step;
        Future<Void> stored = reply.end() ? sessions.delete(request.sessionKey())
                : sessions.save(request.sessionKey(), reply.state());
        return stored.map(v -> new UssdReply(reply.text(), reply.end()));
    }

    private UssdReply busy() {
        return new UssdReply(engine.tree().system("busy", engine.tree().defaultLanguage()), true);
    }

    public Engine engine() {
        return engine;
    }

    /** For tests and the HTTP adapter's bookkeeping. */
    public Future<Optional<DialogueState>> session(String sessionKey) {
        return sessions.load(sessionKey);
    }
}
