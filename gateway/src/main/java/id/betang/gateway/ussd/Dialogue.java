package id.betang.gateway.ussd;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.action.Actions;
import id.betang.gateway.complaint.ComplaintActions;
import id.betang.gateway.complaint.ComplaintDrafts;
import id.betang.gateway.menu.MenuVersion;
import id.betang.gateway.menu.MenuVersions;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.ops.EventLoops;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.ops.StepMisses;
import id.betang.gateway.session.SessionStore;
import id.betang.menus.ActionCatalog;
import id.betang.menus.ActionResult;
import id.betang.menus.Engine;
import id.betang.menus.MenuRequirements;
import id.betang.menus.Screen;
import id.betang.menus.Step;
import id.betang.menus.Template;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The dialogue loop, the same for every channel: session from Redis → engine step → actions → reply,
 * saving the session once per step with its TTL. An ended or aborted dialogue leaves no session behind.
 * Every step answers within its budget: actions get what is left of it, and an answer that comes later is
 * sent by SMS. When Redis cannot be reached the caller gets a clear "busy" screen, never silence.
 *
 * <p>Each step runs on its session's event loop ({@link EventLoops}), whichever channel it came from, so dialogues
 * use every core and one dialogue's steps never overtake each other; the reply goes back to the caller's context.
 * A dialogue runs on the menu version it began on (saved with its state), so a menu published meanwhile
 * serves the next dial; one whose version is no longer kept starts over.
 */
public final class Dialogue {

    /**
     * Session value: the agent id of a social worker's phone, set once the agent's PIN is confirmed in this
     * dialogue ({@link AgentPin}); until then the phone only sees option 7, and acts as a resident.
     */
    public static final String AGENT_ID = "agentId";

    /** SMS the dialogue sends: the invitation to finish a dropped complaint, and late answers' stand-ins. */
    static final String SMS_DRAFT_PROMPT = "smsDraftPrompt";
    static final String SMS_FAILED = "smsFailed";
    static final String SMS_REDIAL = "smsRedial";
    /** Texts the dialogue names, which the menu must have (screens of drafts: {@link ComplaintDrafts}). */
    public static final MenuRequirements REQUIRES = MenuRequirements.systemTexts(SMS_DRAFT_PROMPT, SMS_FAILED,
            SMS_REDIAL);

    private static final Logger LOG = LoggerFactory.getLogger(Dialogue.class);
    private static final int MAX_ACTIONS_PER_STEP = 8;
    /** Whether a phone is an agent's must not eat the budget of the first screen. */
    private static final long AGENT_LOOKUP_MAX_MS = 500;

    private final Vertx vertx;
    private final EventLoops loops;
    private final MenuVersions menus;
    private final SessionStore sessions;
    private final Actions actions;
    private final Agents agents;
    private final Languages languages;
    private final SmsFollowUps sms;
    private final ComplaintDrafts drafts;
    private final long budgetNanos;
    private final StepMisses misses;

    public Dialogue(Vertx vertx, EventLoops loops, MenuVersions menus, SessionStore sessions, Actions actions,
                    Agents agents, Languages languages, SmsFollowUps sms, ComplaintDrafts drafts, Duration budget,
                    StepMisses misses) {
        this.vertx = vertx;
        this.loops = loops;
        this.menus = menus;
        this.sessions = sessions;
        this.actions = actions;
        this.agents = agents;
        this.languages = languages;
        this.sms = sms;
        this.drafts = drafts;
        this.misses = misses;
        // what is left after the actions for saving the session and putting the reply on the wire
        this.budgetNanos = budget.minus(Duration.ofMillis(Math.min(250, budget.toMillis() / 4))).toNanos();
    }

    /** @return the reply to show, or empty when there is nothing to send (an abort) */
    public Future<Optional<UssdReply>> handle(UssdRequest request) {
        long deadline = System.nanoTime() + budgetNanos;
        return loops.on(request.sessionKey(), () -> step(request, deadline));
    }

    private Future<Optional<UssdReply>> step(UssdRequest request, long deadline) {
        Future<Optional<UssdReply>> reply = switch (request.kind()) {
            case ABORT -> sessions.delete(request.sessionKey()).compose(v -> inviteToFinish(request.msisdn()))
                    .map(v -> Optional.<UssdReply>empty());
            case BEGIN -> begin(request, request.inputs(), deadline).map(Optional::of);
            case CONTINUE -> sessions.load(request.sessionKey()).compose(saved -> saved
                    .flatMap(s -> menuOf(s).map(menu ->
                            run(request, menu, menu.engine().next(s.state(), request.input()), 0, deadline)))
                    // no session (expired, Redis lost it, its menu version is gone): start over, replaying what
                    // the channel has
                    .orElseGet(() -> begin(request, request.replay(), deadline)))
                    .map(Optional::of);
        };
        return reply.recover(e -> {
            LOG.warn("dialogue {} could not be served: {}", Mask.numbersIn(request.sessionKey()), e.toString());
            return Future.succeededFuture(Optional.of(busy()));
        });
    }

    /** A session saved before versions were recorded runs on the current one. */
    private Optional<MenuVersion> menuOf(SessionStore.Saved saved) {
        return saved.menu() == null ? Optional.of(menus.current()) : menus.version(saved.menu());
    }

    private Future<UssdReply> begin(UssdRequest request, List<String> shortcut, long deadline) {
        long wait = Math.min(AGENT_LOOKUP_MAX_MS, remainingMillis(deadline));
        Future<Optional<String>> agentId = Budget.race(vertx, wait,
                agents.agentId(request.msisdn()).otherwise(Optional.empty()), Optional::empty, late -> { },
                Future::succeededFuture);
        // the language the phone chose by SMS opens the dialogue; within the same short wait, else the default
        Future<Optional<String>> chosen = Budget.race(vertx, wait,
                languages.of(request.msisdn()).otherwise(Optional.empty()), Optional::empty, late -> { },
                Future::succeededFuture);
        // a dialled shortcut says where the caller wants to go; otherwise an unfinished complaint is offered first
        Future<Optional<String>> opening = shortcut.isEmpty()
                ? drafts.opening(request.msisdn()).otherwise(Optional.empty()) : Future.succeededFuture(Optional.empty());
        MenuVersion menu = menus.current();
        Engine engine = menu.engine();
        return Future.all(agentId, opening, chosen).compose(all -> {
            Optional<String> agent = agentId.result();
            Screen.Audience audience = agent.isPresent() ? Screen.Audience.AGENT : Screen.Audience.RESIDENT;
            String lang = chosen.result().filter(engine.tree().languages()::contains)
                    .orElse(engine.tree().defaultLanguage());
            Step first = opening.result().map(screen -> engine.beginAt(screen, audience, lang, shortcut, Map.of()))
                    .orElseGet(() -> engine.begin(audience, lang, shortcut, Map.of()));
            return run(request, menu, first, 0, deadline);
        });
    }

    /** A complaint left half-typed by a hang-up: one SMS says how to finish it with a single reply. */
    private Future<Void> inviteToFinish(String msisdn) {
        Engine engine = menus.current().engine();
        return drafts.droppedOnce(msisdn).compose(draft -> draft.isEmpty() ? Future.<Void>succeededFuture()
                        : sms.send(msisdn, engine.tree().optionalSystem(SMS_DRAFT_PROMPT, engine.tree().defaultLanguage())
                                .orElseGet(() -> engine.tree().system("busy", engine.tree().defaultLanguage()))))
                .otherwise(e -> {
                    // a courtesy: a hang-up is still a hang-up when Redis or MySQL cannot help with it
                    LOG.info("no invitation to finish a complaint for {}: {}", Mask.msisdn(msisdn), e.toString());
                    return null;
                });
    }

    private Future<UssdReply> run(UssdRequest request, MenuVersion menu, Step step, int actionsSoFar, long deadline) {
        if (step instanceof Step.Call call) {
            if (actionsSoFar >= MAX_ACTIONS_PER_STEP) {
                // a menu whose actions loop would otherwise never answer
                return Future.failedFuture(new IllegalStateException("too many actions in one step at " + call.state().screen()));
            }
            Optional<String> agentId = Optional.ofNullable(call.state().values().get(AGENT_ID)).map(String::valueOf);
            Actions.Caller caller = new Actions.Caller(request.msisdn(), request.channel(), request.aggregator(),
                    agentId, deadline, eventual -> followUp(request.msisdn(), menu.engine(), call, eventual));
            return actions.call(call.action(), withDialogue(call, request), caller)
                    .onSuccess(result -> {
                        if (result.outcome().equals(ActionCatalog.LATER)) {
                            misses.missed(call.action(), request.msisdn());
                        }
                    })
                    .compose(result -> run(request, menu, menu.engine().resume(call.state(), result), actionsSoFar + 1,
                            deadline));
        }
        Step.Reply reply = (Step.Reply) step;
        Future<Void> stored = (reply.end() ? sessions.delete(request.sessionKey())
                : sessions.save(request.sessionKey(), reply.state(), menu.checksum()))
                .compose(v -> drafts.observe(request.msisdn(), reply.state(), reply.end()));
        return stored.map(v -> new UssdReply(reply.text(), reply.end(), reply.state().screen()));
    }

    /** The params, and which dialogue and language ask: complaint filing keys its filing and ticket SMS by them. */
    private static Map<String, String> withDialogue(Step.Call call, UssdRequest request) {
        Map<String, String> params = new HashMap<>(call.params());
        params.put(ComplaintActions.DIALOGUE_PARAM, request.sessionKey());
        params.put(ComplaintActions.LANG_PARAM, call.state().lang());
        return params;
    }

    /** The answer that missed the step, as the screen it would have shown, by SMS. */
    private void followUp(String msisdn, Engine engine, Step.Call call, Future<ActionResult> eventual) {
        eventual.onComplete(done -> {
            String lang = call.state().lang();
            Optional<String> text = done.failed() || done.result().outcome().equals(ActionCatalog.UNAVAILABLE)
                    ? Optional.of(fixedText(SMS_FAILED, engine, call))
                    : engine.message(call.state(), done.result());
            sms.send(msisdn, text.orElseGet(() -> fixedText(SMS_REDIAL, engine, call)))
                    .onSuccess(v -> LOG.info("late answer of {} for {} sent by SMS ({})", call.action(),
                            Mask.msisdn(msisdn), lang))
                    .onFailure(e -> LOG.warn("late answer of {} for {} could not be queued: {}", call.action(),
                            Mask.msisdn(msisdn), e.toString()));
        });
    }

    private String fixedText(String key, Engine engine, Step.Call call) {
        String lang = call.state().lang();
        return engine.tree().optionalSystem(key, lang)
                .map(t -> new Template(engine.tree(), lang).fill(t, call.params(), null))
                .orElseGet(() -> engine.tree().system("busy", lang));
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    private UssdReply busy() {
        Engine engine = menus.current().engine();
        return new UssdReply(engine.tree().system("busy", engine.tree().defaultLanguage()), true);
    }

    /** The engine of the version new dialogues get (adapters answer refusals from its texts). */
    public Engine engine() {
        return menus.current().engine();
    }
}
