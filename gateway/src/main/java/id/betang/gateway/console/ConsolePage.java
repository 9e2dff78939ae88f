package id.betang.gateway.console;

import java.util.List;
import java.util.function.Function;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The console's pages as plain HTML (no script, no framework, nothing fetched at run time) and the same overview
 * as JSON for the CLI. Every value is escaped: a failure reason or an operator's name is text, never markup.
 */
public final class ConsolePage {

    private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}"
            + "h1{font-size:1.3em}h2{font-size:1.05em;margin-top:1.6em;border-bottom:1px solid #ccc}"
            + "table{border-collapse:collapse}td,th{padding:.25em .7em;text-align:left;border-bottom:1px solid #eee}"
            + ".bad{color:#a00;font-weight:600}.ok{color:#070}.note{background:#eef;padding:.4em .8em}"
            + "form.inline{display:inline}button{font:inherit}";

    private ConsolePage() {
    }

    public static String login(boolean refused) {
        return page("Betang console", (refused ? "<p class=\"bad\">Token or name not accepted.</p>" : "")
                + "<form method=\"post\" action=\"/console/login\">"
                + "<p><label>Your name <input name=\"operator\" maxlength=\"32\" required></label></p>"
                + "<p><label>API token <input name=\"token\" type=\"password\" required></label></p>"
                + "<p><button type=\"submit\">Open the console</button></p></form>");
    }

    public static String overview(OperatorDesk.Overview o, String operator, String done) {
        StringBuilder b = new StringBuilder();
        b.append("<p>Signed in as ").append(esc(operator)).append(" · menu ").append(esc(o.menuVersion()))
                .append(" <form class=\"inline\" method=\"post\" action=\"/console/logout\"><button>Sign out</button></form></p>");
        if (done != null) {
            b.append("<p class=\"note\">Last action: ").append(esc(done)).append("</p>");
        }
        b.append("<h2>SMPP binds</h2>").append(table(List.of("bind", "state", "binds made", "last problem"), o.binds(),
                bind -> List.of(esc(bind.name()), (bind.state().equals("BOUND") ? "<span class=\"ok\">" : "<span class=\"bad\">")
                        + esc(bind.state()) + "</span>", String.valueOf(bind.timesBound()), esc(bind.lastProblem()))));
        b.append("<h2>Outbox</h2><p>").append(o.outbox().count()).append(" SMS waiting; oldest ")
                .append(o.outbox().oldestSeconds()).append(" s</p>");
        b.append(table(List.of("id", "to", "category", "attempts", "failure", "failed at", ""), o.failedSms(),
                sms -> List.of(String.valueOf(sms.id()), esc(sms.msisdn()), esc(sms.category()), String.valueOf(sms.attempts()),
                        esc(sms.failure()), esc(String.valueOf(sms.failedAt())),
                        button("/console/sms/" + sms.id() + "/requeue", "Requeue"))));
        b.append("<h2>Complaints waiting for a person (ATTENTION)</h2>").append(table(
                List.of("ticket", "category", "channel", "attempts", "registry said", "filed", ""), o.attention(),
                c -> List.of(esc(c.ticketId()), esc(c.category()), esc(c.channel()), String.valueOf(c.attempts()),
                        esc(c.lastError()), esc(String.valueOf(c.filedAt())),
                        button("/console/complaints/" + c.ticketId() + "/retry", "Retry"))));
        b.append("<h2>Recent step-budget misses (this instance)</h2>").append(table(List.of("at", "action", "phone"),
                o.stepMisses(), m -> List.of(esc(m.at().toString()), esc(m.action()), esc(m.msisdn()))));
        b.append("<h2>Operator actions</h2>").append(table(List.of("at", "operator", "action", "target", "outcome"),
                o.recentActions(), a -> List.of(esc(String.valueOf(a.at())), esc(a.operator()), esc(a.action()),
                        esc(a.target()), esc(a.outcome()))));
        return page("Betang console", b.toString());
    }

    public static JsonObject json(OperatorDesk.Overview o) {
        JsonArray binds = new JsonArray();
        o.binds().forEach(x -> binds.add(new JsonObject().put("name", x.name()).put("state", x.state())
                .put("timesBound", x.timesBound()).put("lastProblem", x.lastProblem())));
        JsonArray failed = new JsonArray();
        o.failedSms().forEach(x -> failed.add(new JsonObject().put("id", x.id()).put("msisdn", x.msisdn())
                .put("category", x.category()).put("attempts", x.attempts()).put("failure", x.failure())
                .put("failedAt", String.valueOf(x.failedAt()))));
        JsonArray attention = new JsonArray();
        o.attention().forEach(x -> attention.add(new JsonObject().put("ticketId", x.ticketId()).put("category", x.category())
                .put("channel", x.channel()).put("attempts", x.attempts()).put("lastError", x.lastError())
                .put("filedAt", String.valueOf(x.filedAt()))));
        JsonArray misses = new JsonArray();
        o.stepMisses().forEach(x -> misses.add(new JsonObject().put("at", x.at().toString()).put("action", x.action())
                .put("msisdn", x.msisdn())));
        JsonArray actions = new JsonArray();
        o.recentActions().forEach(x -> actions.add(new JsonObject().put("at", String.valueOf(x.at()))
                .put("operator", x.operator()).put("action", x.action()).put("target", x.target()).put("outcome", x.outcome())));
        return new JsonObject().put("menuVersion", o.menuVersion()).put("binds", binds)
                .put("outbox", new JsonObject().put("waiting", o.outbox().count()).put("oldestSeconds", o.outbox().oldestSeconds())
                        .put("failed", failed))
                .put("attention", attention).put("stepMisses", misses).put("recentActions", actions);
    }

    private static String button(String action, String label) {
        return "<form class=\"inline\" method=\"post\" action=\"" + esc(action) + "\"><button>" + esc(label) + "</button></form>";
    }

    private static <T> String table(List<String> headings, List<T> rows, Function<T, List<String>> cells) {
        if (rows.isEmpty()) {
            return "<p>None.</p>";
        }
        StringBuilder b = new StringBuilder("<table><tr>");
        headings.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>");
        rows.forEach(r -> {
            b.append("<tr>");
            cells.apply(r).forEach(c -> b.append("<td>").append(c).append("</td>"));
            b.append("</tr>");
        });
        return b.append("</table>").toString();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title><style>"
                + STYLE + "</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
