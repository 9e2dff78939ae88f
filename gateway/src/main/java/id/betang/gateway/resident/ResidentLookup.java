package id.betang.gateway.resident;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.audit.Disclosure;
import id.betang.gateway.audit.DisclosureAudit;
import id.betang.gateway.identity.HouseholdPhone;
import id.betang.gateway.identity.NikGuard;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.registry.LastAnswers;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.gateway.session.PlainJson;
import id.betang.menus.ActionCatalog;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import id.betang.menus.NikShape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The actions {@code registry.status} and {@code registry.schedule}: a resident's programmes, or their next
 * disbursements, shown only under the identity rules (DESIGN.md): a NIK of the right shape, not locked for
 * this phone, within the phone's daily lookups, and either a phone of the household or a confirmation
 * (card digits or a one-time code) in this visit. Every answer about a resident is in the access audit before anyone sees it.
 * A registry that is down yields its last answer, stamped; one slower than the step budget yields
 * "later", and the answer follows by SMS.
 */
public final class ResidentLookup {

    /** The outcomes the lookups give besides the catalogue's own (later, cached, unavailable). */
    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("registry.status", Outcome.OK,
                    Outcome.NOT_FOUND, Outcome.VERIFY, Outcome.LOCKED, Outcome.LIMITED)
            .and(MenuRequirements.outcomes("registry.schedule", Outcome.OK, Outcome.NONE, Outcome.NOT_FOUND,
                    Outcome.VERIFY, Outcome.LOCKED, Outcome.LIMITED));

    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final Vertx vertx;
    private final RegistryClient registry;
    private final NikGuard guard;
    private final NikHash hash;
    private final LastAnswers lastAnswers;
    private final DisclosureAudit audit;
    private final Clock clock;
    private final HouseholdPhone phones;

    public ResidentLookup(Vertx vertx, RegistryClient registry, NikGuard guard, NikHash hash, LastAnswers lastAnswers,
                          DisclosureAudit audit, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.guard = guard;
        this.hash = hash;
        this.lastAnswers = lastAnswers;
        this.audit = audit;
        this.clock = clock;
        this.phones = new HouseholdPhone(hash);
    }

    public Future<ActionResult> status(Map<String, String> params, Actions.Caller caller) {
        return lookup(Disclosure.Subject.STATUS, params.getOrDefault("nik", ""), caller);
    }

    public Future<ActionResult> schedule(Map<String, String> params, Actions.Caller caller) {
        return lookup(Disclosure.Subject.SCHEDULE, params.getOrDefault("nik", ""), caller);
    }

    /** What was found, and how the audit should remember showing it (null: nothing about the resident shown). */
    private record Answer(ActionResult result, Disclosure.Outcome disclosed) {
    }

    private Future<ActionResult> lookup(Disclosure.Subject subject, String nik, Actions.Caller caller) {
        if (!NikShape.isValid(nik)) {
            // the menu checks the shape; this guards other callers (SMS commands) the same way
            return Future.succeededFuture(ActionResult.of(Outcome.NOT_FOUND));
        }
        String nikHash = hash.of(nik);
        return guard.admit(caller, nikHash).compose(admission -> switch (admission) {
            case LOCKED -> recorded(subject, nikHash, caller, new Answer(ActionResult.of(Outcome.LOCKED), Disclosure.Outcome.LOCKED));
            case LIMITED -> recorded(subject, nikHash, caller, new Answer(ActionResult.of(Outcome.LIMITED), Disclosure.Outcome.LIMITED));
            case ALLOWED -> Budget.race(vertx, caller.remainingMillis(), fetch(subject, nik, nikHash, caller),
                    () -> new Answer(new ActionResult(ActionCatalog.LATER, Map.of("nik", nik)), null),
                    eventual -> caller.followUp().bySms(eventual.compose(answer -> recorded(subject, nikHash, caller,
                            answer.disclosed() == Disclosure.Outcome.SHOWN
                                    ? new Answer(answer.result(), Disclosure.Outcome.SENT_BY_SMS) : answer))
                            .map(Answer::result)),
                    answer -> recorded(subject, nikHash, caller, answer));
        }).map(Answer::result);
    }

    /**
     * Who the resident is and what to show are asked at the same time: the registry's latency is most of a
     * status step's, and a stranger's phone, shown nothing until it confirms, is the rare case. A NIK the
     * registry does not know is, to every caller, a household whose phone this is not: the same confirmation
     * screen, naming a decoy phone, after the same calls (DESIGN.md: nothing tells which NIKs exist).
     */
    private Future<Answer> fetch(Disclosure.Subject subject, String nik, String nikHash, Actions.Caller caller) {
        LocalDate today = LocalDate.now(clock.withZone(WIB));
        Future<Optional<Registry.Resident>> resident = registry.resident(nik).map(Optional::of)
                .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
        Future<ActionResult> shown = subject == Disclosure.Subject.STATUS
                ? registry.benefits(nik).map(b -> status(nik, b, today))
                : registry.disbursements(nik, today).map(d -> schedule(nik, d, today));
        return resident
                .compose(found -> (found.isPresent() && found.get().householdPhone(caller.msisdn()) ? Future.succeededFuture(true)
                        : guard.isVerified(caller.msisdn(), nikHash))
                        .compose(allowed -> allowed && found.isPresent()
                                ? shown.map(result -> fresh(subject, nikHash, found.get(), result))
                                : Future.succeededFuture(new Answer(new ActionResult(Outcome.VERIFY, Map.of("nik", nik,
                                        "phone", phones.shown(nik, found.map(Registry.Resident::msisdns).orElse(List.of())))), null))))
                .recover(e -> {
                    if (RegistryProblem.isUnavailable(e)) {
                        return remembered(subject, nik, nikHash, caller).recover(none -> Future.failedFuture(e));
                    }
                    return Future.failedFuture(e);
                });
    }

    private Answer fresh(Disclosure.Subject subject, String nikHash, Registry.Resident resident, ActionResult result) {
        if (result.outcome().equals(Outcome.OK)) {
            // kept without the NIK and the household's phones in clear: the phones as keyed hashes, enough to
            // know a household phone again; the NIK comes back from the caller who typed it
            Map<String, Object> values = new LinkedHashMap<>(result.values());
            values.remove("nik");
            JsonObject remembered = new JsonObject()
                    .put("phones", new JsonArray(resident.msisdns().stream().map(this::phoneHash).toList()))
                    .put("values", new JsonObject(values));
            lastAnswers.remember(subject.name(), nikHash, remembered);
        }
        return new Answer(result, Disclosure.Outcome.SHOWN);
    }

    /** The last answer, if there is one and this phone may see it (household phone or confirmed this visit). */
    private Future<Answer> remembered(Disclosure.Subject subject, String nik, String nikHash, Actions.Caller caller) {
        return lastAnswers.recall(subject.name(), nikHash).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture("no last answer");
            }
            JsonObject answer = found.get().answer();
            boolean household = answer.getJsonArray("phones", new JsonArray()).contains(phoneHash(caller.msisdn()));
            return (household ? Future.succeededFuture(true) : guard.isVerified(caller.msisdn(), nikHash))
                    .compose(allowed -> {
                        if (!allowed) {
                            return Future.failedFuture("last answer not for this phone");
                        }
                        Map<String, Object> values = new LinkedHashMap<>(PlainJson.map(answer.getJsonObject("values")));
                        values.put("nik", nik);
                        values.put("asOf", LocalDate.ofInstant(found.get().fetchedAt(), WIB).toString());
                        return Future.succeededFuture(new Answer(new ActionResult(ActionCatalog.CACHED, values),
                                Disclosure.Outcome.SHOWN_CACHED));
                    });
        });
    }

    private String phoneHash(String msisdn) {
        return hash.of("phone:" + msisdn);
    }

    /** The answer once its audit row is committed; nothing about a resident is shown without one. */
    private Future<Answer> recorded(Disclosure.Subject subject, String nikHash, Actions.Caller caller, Answer answer) {
        if (answer.disclosed() == null) {
            return Future.succeededFuture(answer);
        }
        return audit.record(new Disclosure(nikHash, caller.msisdn(), caller.agentId().orElse(null), caller.channel(),
                subject, answer.disclosed())).map(answer);
    }

    static ActionResult status(String nik, Registry.Benefits benefits, LocalDate today) {
        List<Map<String, String>> lines = benefits.benefits().stream()
                .map(b -> Map.of("program", b.program(), "status", b.status(), "reason",
                        b.status().equals("ACTIVE") ? "" : b.reason().orElse("")))
                .toList();
        return new ActionResult(Outcome.OK, Map.<String, Object>of("nik", nik, "benefits", lines,
                "asOf", benefits.updatedAt().orElse(today).toString()));
    }

    /** One disbursement as the menu's templates (and the reminder SMS) name its parts. */
    public static Map<String, String> values(Registry.Disbursement d) {
        return Map.of("program", d.program(), "date", d.date().toString(),
                "amount", d.amount().isPresent() ? String.valueOf(d.amount().getAsLong()) : "",
                "item", d.item().orElse(""), "place", d.place().orElse("-"));
    }

    static ActionResult schedule(String nik, List<Registry.Disbursement> disbursements, LocalDate today) {
        List<Map<String, String>> lines = disbursements.stream()
                .filter(d -> d.stillToCome() && !d.date().isBefore(today))
                .sorted(java.util.Comparator.comparing(Registry.Disbursement::date))
                .map(ResidentLookup::values)
                .toList();
        return lines.isEmpty() ? new ActionResult(Outcome.NONE, Map.of("nik", nik))
                : new ActionResult(Outcome.OK, Map.<String, Object>of("nik", nik, "disbursements", lines));
    }
}
