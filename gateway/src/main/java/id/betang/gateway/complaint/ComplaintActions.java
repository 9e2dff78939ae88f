package id.betang.gateway.complaint;

import java.util.LinkedHashMap;
import java.util.Map;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import id.betang.menus.TicketId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The actions {@code complaint.file} (menu 4, and 7 for social workers filing for a resident) and
 * {@code complaint.status} (menu 5). A complaint is taken from MySQL alone, so it is taken while Redis or the
 * registry are away; the registry gets it through the relay. Ticket details go only to the phone that filed.
 */
public final class ComplaintActions {

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("complaint.file", Outcome.OK,
                    Outcome.LIMITED)
            .and(MenuRequirements.outcomes("complaint.status", Outcome.OK, Outcome.NOT_FOUND, Outcome.NOT_YOURS));

    private final Vertx vertx;
    private final ComplaintStore store;
    private final id.betang.gateway.complaint.Tickets tickets;

    public ComplaintActions(Vertx vertx, ComplaintStore store, id.betang.gateway.complaint.Tickets tickets) {
        this.vertx = vertx;
        this.store = store;
        this.tickets = tickets;
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
        return vertx.executeBlocking(() -> store.fileWithinLimit(filing, null)
                .map(c -> new ActionResult(Outcome.OK, Map.of("ticket", c.ticketId())))
                .orElse(ActionResult.of(Outcome.LIMITED)), false);
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
