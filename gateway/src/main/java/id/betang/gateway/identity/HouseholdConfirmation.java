package id.betang.gateway.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.audit.Disclosure;
import id.betang.gateway.audit.DisclosureAudit;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import id.betang.menus.NikShape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * How a caller whose phone is not the household's proves it belongs to it (DESIGN.md, Identity), with a
 * factor the NIK does not give away: the last 6 digits of the household's card (the registry checks them;
 * they are never kept or logged), or a one-time code sent by SMS to a household phone. A confirmation opens
 * that NIK to this phone for a while ({@link NikGuard#verified}); the configured number of wrong answers locks it.
 * <p>
 * A NIK the registry does not know takes the same steps: a decoy phone is named, a code is "sent" (one that
 * nothing matches is kept, no SMS goes), every answer is wrong. So a stranger learns nothing of which NIKs
 * exist, neither from the screens nor from the work done: the SMS is queued after the answer.
 */
public final class HouseholdConfirmation {

    public static final String CARD = "registry.verify";
    public static final String SEND_CODE = "identity.code.send";
    public static final String CHECK_CODE = "identity.code.check";

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes(CARD, Outcome.OK, Outcome.WRONG,
                    Outcome.LOCKED)
            .and(MenuRequirements.outcomes(SEND_CODE, Outcome.OK, Outcome.LOCKED, Outcome.LIMITED))
            .and(MenuRequirements.outcomes(CHECK_CODE, Outcome.OK, Outcome.WRONG, Outcome.EXPIRED, Outcome.LOCKED));

    private static final Logger LOG = LoggerFactory.getLogger(HouseholdConfirmation.class);

    /** Writes the code SMS for a household phone, in its language. Blocking (it may read the phone's choice). */
    @FunctionalInterface
    public interface CodeMessage {
        /** @param values {@code code}, {@code caller} (the asking phone, masked) and {@code nik} */
        String text(String householdMsisdn, Optional<String> residentLanguage, Map<String, String> values);
    }

    private final Vertx vertx;
    private final RegistryClient registry;
    private final NikGuard guard;
    private final NikHash hash;
    private final OneTimeCodes codes;
    private final HouseholdPhone phones;
    private final DisclosureAudit audit;
    private final Outbox outbox;
    private final CodeMessage message;

    public HouseholdConfirmation(Vertx vertx, RegistryClient registry, NikGuard guard, NikHash hash,
                                 OneTimeCodes codes, DisclosureAudit audit, Outbox outbox, CodeMessage message) {
        this.vertx = vertx;
        this.registry = registry;
        this.guard = guard;
        this.hash = hash;
        this.codes = codes;
        this.phones = new HouseholdPhone(hash);
        this.audit = audit;
        this.outbox = outbox;
        this.message = message;
    }

    /** {@code registry.verify}: the card's last 6 digits. */
    public Future<ActionResult> card(Map<String, String> params, Actions.Caller caller) {
        String nik = params.getOrDefault("nik", "");
        String suffix = params.getOrDefault("cardSuffix", "");
        return admitted(nik, caller, nikHash -> cardMatches(nik, suffix)
                .compose(right -> settled(right, nikHash, caller)));
    }

    /** {@code identity.code.send}: a code to the household's first phone, which the answer names masked. */
    public Future<ActionResult> sendCode(Map<String, String> params, Actions.Caller caller) {
        String nik = params.getOrDefault("nik", "");
        return admitted(nik, caller, nikHash -> registry.resident(nik).map(Optional::of)
                .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e))
                .compose(resident -> {
                    List<String> household = resident.map(Registry.Resident::msisdns).orElse(List.of());
                    String shown = phones.shown(nik, household);
                    return codes.issue(caller.msisdn(), nikHash, !household.isEmpty()).compose(code -> {
                        if (code.isEmpty()) {
                            return audited(nikHash, caller, Disclosure.Outcome.LIMITED, ActionResult.of(Outcome.LIMITED));
                        }
                        return audited(nikHash, caller, Disclosure.Outcome.CODE_SENT,
                                new ActionResult(Outcome.OK, Map.of("phone", shown)))
                                .onSuccess(answered -> {
                                    if (!household.isEmpty()) {
                                        send(household.get(0), resident.get().language(), code.get(), nik, caller);
                                    }
                                });
                    });
                }));
    }

    /** {@code identity.code.check}: the code typed back. */
    public Future<ActionResult> checkCode(Map<String, String> params, Actions.Caller caller) {
        String nik = params.getOrDefault("nik", "");
        String code = params.getOrDefault("code", "");
        return admitted(nik, caller, nikHash -> codes.check(caller.msisdn(), nikHash, code).compose(check -> switch (check) {
            case RIGHT -> settled(true, nikHash, caller);
            case WRONG -> settled(false, nikHash, caller);
            case EXPIRED -> Future.succeededFuture(ActionResult.of(Outcome.EXPIRED));
        }));
    }

    /**
     * SMS ({@code CEK <NIK> <6 digits>}): one answer, no screen to say which factor it is. A pending code is
     * tried first, then the digits as the card's; either confirms, and both wrong count as one wrong try.
     */
    public Future<ActionResult> either(String nik, String digits, Actions.Caller caller) {
        return admitted(nik, caller, nikHash -> codes.check(caller.msisdn(), nikHash, digits)
                .compose(check -> check == OneTimeCodes.Check.RIGHT ? Future.succeededFuture(true) : cardMatches(nik, digits))
                .compose(right -> settled(right, nikHash, caller)));
    }

    /** Unknown NIK and wrong digits are both "no", as the registry answers them. */
    private Future<Boolean> cardMatches(String nik, String suffix) {
        if (!suffix.matches("\\d{6}")) {
            return Future.succeededFuture(false);
        }
        return registry.verify(nik, suffix)
                .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    /** Runs a confirmation step unless the NIK is locked for this phone, within the step's budget. */
    private Future<ActionResult> admitted(String nik, Actions.Caller caller, Function<String, Future<ActionResult>> step) {
        if (!NikShape.isValid(nik)) {
            return Future.succeededFuture(ActionResult.of(Outcome.WRONG));
        }
        String nikHash = hash.of(nik);
        Future<ActionResult> answer = guard.admit(caller, nikHash).compose(admission ->
                admission == NikGuard.Admission.LOCKED
                        ? audited(nikHash, caller, Disclosure.Outcome.LOCKED, ActionResult.of(Outcome.LOCKED))
                        : step.apply(nikHash));
        // no SMS follow-up for a confirmation: a late "yes" still opens the NIK, so redialling works
        return Budget.race(vertx, caller.remainingMillis(), answer, ActionResult::unavailable, late -> { },
                Future::succeededFuture);
    }

    private Future<ActionResult> settled(boolean right, String nikHash, Actions.Caller caller) {
        if (right) {
            return guard.verified(caller.msisdn(), nikHash).map(ActionResult.of(Outcome.OK));
        }
        return guard.failedVerification(caller.msisdn(), nikHash).compose(locked -> locked
                ? audited(nikHash, caller, Disclosure.Outcome.LOCKED, ActionResult.of(Outcome.LOCKED))
                : audited(nikHash, caller, Disclosure.Outcome.VERIFY_FAILED, ActionResult.of(Outcome.WRONG)));
    }

    /** Essential: goes even to a phone that opted out of reminders, as its own family asks for it. */
    private void send(String household, Optional<String> language, String code, String nik, Actions.Caller caller) {
        vertx.executeBlocking(() -> outbox.enqueue(household, message.text(household, language,
                        Map.of("code", code, "caller", HouseholdPhone.masked(caller.msisdn()), "nik", nik)), "identity-code"), false)
                .onFailure(e -> LOG.warn("code SMS to {} not queued: {}", Mask.msisdn(household), e.toString()));
    }

    private Future<ActionResult> audited(String nikHash, Actions.Caller caller, Disclosure.Outcome outcome,
                                         ActionResult result) {
        return audit.record(new Disclosure(nikHash, caller.msisdn(), caller.agentId().orElse(null), caller.channel(),
                Disclosure.Subject.IDENTITY, outcome)).map(result);
    }
}
