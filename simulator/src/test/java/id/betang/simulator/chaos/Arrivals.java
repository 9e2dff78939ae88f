package id.betang.simulator.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.MtRecord;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonObject;

/** Where the tokens of a fault's traffic arrived: complaints in MySQL, at the registry, notifications at the SMSC. */
final class Arrivals {

    private final SmscSimulator smsc;
    private final RegistryStub registry;
    private final String mysqlUrl;

    Arrivals(SmscSimulator smsc, RegistryStub registry, String mysqlUrl) {
        this.smsc = smsc;
        this.registry = registry;
        this.mysqlUrl = mysqlUrl;
    }

    /** MO token → Idempotency-Keys the registry accepted a complaint with it under. */
    Map<String, Set<String>> atRegistry() {
        Map<String, Set<String>> keys = new HashMap<>();
        for (ServeEvent e : registry.server().getAllServeEvents()) {
            if (!"POST".equals(e.getRequest().getMethod().getName())
                    || !e.getRequest().getUrl().startsWith(RegistryStub.BASE_PATH + "/complaints")
                    || e.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            String token = Traffic.moToken(new JsonObject(e.getRequest().getBodyAsString()).getString("text", ""));
            if (token != null) {
                keys.computeIfAbsent(token, t -> new HashSet<>()).add(e.getRequest().getHeader("Idempotency-Key"));
            }
        }
        return keys;
    }

    /** MT token → submit_sm the SMSC took with it. */
    Map<String, Integer> submitted() {
        Map<String, Integer> times = new HashMap<>();
        for (MtRecord mt : smsc.received()) {
            String token = mt.text() == null ? null : Traffic.mtToken(mt.text());
            if (token != null) {
                times.merge(token, 1, Integer::sum);
            }
        }
        return times;
    }

    /** MO token → tickets (complaint rows) filed for it. */
    Map<String, Integer> tickets() throws SQLException {
        Map<String, Integer> tickets = new HashMap<>();
        byMoToken("SELECT body FROM complaint", (token, rs) -> tickets.merge(token, 1, Integer::sum));
        return tickets;
    }

    /** MO token → the state of its inbox rows ("NEW/0", "CLAIMED/2", "DONE/1": state and attempts), for reports. */
    Map<String, String> inInbox() throws SQLException {
        Map<String, String> states = new HashMap<>();
        byMoToken("SELECT body, state, attempts FROM sms_inbox", (token, rs) ->
                states.merge(token, rs.getString(2) + "/" + rs.getInt(3), (a, b) -> a + "+" + b));
        return states;
    }

    private interface TokenRow {
        void accept(String token, ResultSet rs) throws SQLException;
    }

    /** Each row of {@code query} whose first column (an MO text) carries a token. */
    private void byMoToken(String query, TokenRow row) throws SQLException {
        try (Connection c = TestStorage.connect(mysqlUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                String token = Traffic.moToken(rs.getString(1));
                if (token != null) {
                    row.accept(token, rs);
                }
            }
        }
    }
}
