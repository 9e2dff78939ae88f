package id.betang.gateway.complaint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.ops.Budget;
import id.betang.menus.ActionCatalog;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import id.betang.menus.MenuTree;
import id.betang.menus.Template;
import id.betang.menus.TicketId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The actions {@code complaint.file} (menu 4, and 7 for social workers filing for a resident) and
 * {@code complaint.status} (menu 5). A complaint is taken from MySQL alone, so it is taken while Redis or the
 * registry are away; the registry gets it through the relay. Ticket details go only to the phone that filed.
 * <p>
 * A USSD complaint's ticket id also goes by SMS, committed with the complaint, so a resident whose screen
 * vanished still has it. Filing keeps to the step's budget: when MySQL is slower, the screen says the ticket
 * comes by SMS ({@code later}) and the filing goes on. A step that comes again (an aggregator's retry, a
 * redelivered PDU) answers the ticket it filed the first time, by its filing key.
 */
public final class ComplaintActions {

    /** The SMS with the ticket id, the same an SMS complaint gets. */
    static final String SMS_FILED = "smsFiled";
    /**
     * Params the dialogue adds to every action it calls: which dialogue, and its language. Named here, not
     * in the menu, because they are the gateway's, not the menu author's.
     */
    public static final String DIALOGUE_PARAM = "_dialogue";
    public static final String LANG_PARAM = "_lang";

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("complaint.file", Outcome.OK,
                    Outcome.LIMITED, ActionCatalog.LATER)
            .and(MenuRequirements.systemTexts(SMS_FILED))
            .and(MenuRequirements.outcomes("complaint.status", Outcome.OK, Outcome.NOT_FOUND, Outcome.NOT_YOURS));

    private final Vertx vertx;
    private final ComplaintStore store;
    private final Tickets tickets;
    /** The menu serving now: the ticket SMS follows a menu published live. */
    private final Supplier<MenuTree> menus;

    public ComplaintActions(Vertx vertx, ComplaintStore store, Tickets tickets, Supplier<MenuTree> menus) {
        this.vertx = vertx;
        this.store = store;
        this.tickets = tickets;
        this.menus = menus;
    }

    public Future<ActionResult> file(Map<String, String> params, Actions.Caller caller) {
        String category = params.getOrDefault("category", "OTHER");
        String kind = params.getOrDefault("kind", "");
        String text = params.getOrDefault("text", "").strip();
        ComplaintStore.Filing filing = new ComplaintStore.Filing(
                Complaint.CATEGORIES.contains(category) ? category : "OTHER",
                caller.agentId().isPresent() ? "AGENT" : "USSD", caller.msisdn(), caller.agentId().orElse(null),
                blankToNull(params.get("nik")), blankToNull(params.get("region")), blankToNull(params.get("village")),
                kind.isEmpty() ? text : "[" + kind + "] " + text);
        String dialogue = params.get(DIALOGUE_PARAM);
        ComplaintStore.Filing keyed = dialogue == null || dialogue.isBlank() ? filing : filing.keyedBy(dialogue);
        String lang = params.getOrDefault(LANG_PARAM, menus.get().defaultLanguage());
        Future<ActionResult> filed = vertx.executeBlocking(() -> store.fileWithinLimit(keyed,
                        ticket -> ticketSms(lang, ticket))
                .map(c -> new ActionResult(Outcome.OK, Map.of("ticket", c.ticketId())))
                .orElse(ActionResult.of(Outcome.LIMITED)), false);
        return Budget.race(vertx, caller.remainingMillis(), filed, () -> ActionResult.of(ActionCatalog.LATER),
                late -> late.onComplete(done -> {
                    // a ticket is already on its way, in the filing's own transaction; anything else was not
                    // promised by the screen, so it follows as the screen it would have shown
                    if (done.failed() || !done.result().outcome().equals(Outcome.OK)) {
                        caller.followUp().bySms(late);
                    }
                }), Future::succeededFuture);
    }

    private String ticketSms(String lang, String ticket) {
        MenuTree menu = menus.get();
        return new Template(menu, lang).fill(menu.system(SMS_FILED, lang), Map.of("ticket", ticket), null);
    }

    public Future<ActionResult> status(Map<String, String> params, Actions.Caller caller) {
        String ticket = TicketId.normalise(params.getOrDefault("ticket", ""));
        if (!TicketId.isValid(ticket)) {
            return Future.succeededFuture(new ActionResult(Outcome.NOT_FOUND, Map.of("ticket", ticket)));
        }
        return tickets.find(ticket, caller.remainingMillis()).map(found -> found.map(c -> {
            if (!c.readableBy(caller.msisdn())) {
                return new ActionResult(Outcome.NOT_YOURS, Map.of("ticket", ticket));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("ticket", ticket);
            values.put("status", c.status());
            values.put("note", c.note() == null ? "" : c.note());
            values.put("updatedAt", c.updatedOn());
            return new ActionResult(Outcome.OK, values);
        }).orElse(new ActionResult(Outcome.NOT_FOUND, Map.of("ticket", ticket))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
