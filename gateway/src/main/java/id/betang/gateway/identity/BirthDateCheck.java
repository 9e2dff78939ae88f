package id.betang.gateway.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.audit.Disclosure;
import id.betang.gateway.audit.DisclosureAudit;
import id.betang.gateway.identity.NikGuard;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The action {@code registry.verify}: a caller whose phone is not the household's confirms the birth date,
 * which only the registry checks. A confirmed date opens that NIK to this phone for a while (NikGuard);
 * the configured number of wrong dates locks it. An unknown NIK counts as a wrong date, so the answer does
 * not tell a stranger which NIKs exist.
 */
public final class BirthDateCheck {

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("registry.verify", Outcome.OK,
            Outcome.WRONG, Outcome.LOCKED);

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("ddMMuuuu");

    private final Vertx vertx;
    private final RegistryClient registry;
    private final NikGuard guard;
    private final NikHash hash;
    private final DisclosureAudit audit;

    public BirthDateCheck(Vertx vertx, RegistryClient registry, NikGuard guard, NikHash hash, DisclosureAudit audit) {
        this.vertx = vertx;
        this.registry = registry;
        this.guard = guard;
        this.hash = hash;
        this.audit = audit;
    }

    public Future<ActionResult> verify(Map<String, String> params, Actions.Caller caller) {
        String nik = params.getOrDefault("nik", "");
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(params.getOrDefault("birthDate", ""), TYPED);
        } catch (DateTimeParseException e) {
            return Future.succeededFuture(ActionResult.of(Outcome.WRONG));
        }
        String nikHash = hash.of(nik);
        Future<ActionResult> answer = guard.admit(caller, nikHash).compose(admission -> {
            if (admission == NikGuard.Admission.LOCKED) {
                return audited(nikHash, caller, Disclosure.Outcome.LOCKED, Outcome.LOCKED);
            }
            return registry.verify(nik, birthDate)
                    .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(false) : Future.failedFuture(e))
                    .compose(right -> right
                            ? guard.verified(caller.msisdn(), nikHash).map(ActionResult.of(Outcome.OK))
                            : guard.failedVerification(caller.msisdn(), nikHash).compose(locked -> locked
                                    ? audited(nikHash, caller, Disclosure.Outcome.LOCKED, Outcome.LOCKED)
                                    : audited(nikHash, caller, Disclosure.Outcome.VERIFY_FAILED, Outcome.WRONG)));
        });
        // no SMS follow-up for a check: a late "yes" still opens the NIK, so redialling works
        return Budget.race(vertx, caller.remainingMillis(), answer, ActionResult::unavailable, late -> { },
                Future::succeededFuture);
    }

    private Future<ActionResult> audited(String nikHash, Actions.Caller caller, Disclosure.Outcome outcome,
                                         String result) {
        return audit.record(new Disclosure(nikHash, caller.msisdn(), caller.agentId().orElse(null), caller.channel(),
                Disclosure.Subject.IDENTITY, outcome)).map(ActionResult.of(result));
    }
}
