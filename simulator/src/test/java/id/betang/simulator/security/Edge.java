package id.betang.simulator.security;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.smsc.SimulatedPhone;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Attacks on the HTTP edge: forged and replayed registry webhooks, credentials used outside their domain, bodies
 * too big to read, bursts past the rate limits. "Nothing sent" is read from the outbox, which the gateway writes
 * before it answers, so no waiting for an SMS that should not come.
 */
final class Edge {

    private static final Pattern TICKET = Pattern.compile("HB[2-9A-HJ-NP-Z]{6}");
    private static final Set<Integer> REFUSED = Set.of(401, 403);

    private final Target target;
    private final Tally tally;

    Edge(Target target, Tally tally) {
        this.target = target;
        this.tally = tally;
    }

    // --- webhooks -----------------------------------------------------------------------------------------

    /** A complaint filed by SMS, then a genuine status event (which must tell the complainant), then forgeries. */
    void webhooks() throws Exception {
        SimulatedPhone complainant = target.smsc.phone(target.freshPhone());
        String reply = Enumeration.ask(complainant, "ADUAN jembatan gantung di desa kami putus sejak banjir");
        Matcher ticket = TICKET.matcher(reply);
        if (!ticket.find()) {
            throw new AssertionError("no ticket in the answer to a complaint: " + reply);
        }
        String eventId = "evt-" + UUID.randomUUID();
        long before = target.outboxRows();
        HttpResponse<String> genuine = hook(event(eventId, ticket.group(), "IN_REVIEW", 1), now(), GatewayProcess.WEBHOOK_SECRET);
        if (genuine.statusCode() / 100 != 2 || target.outboxRows() != before + 1) {
            throw new AssertionError("a genuine webhook must tell the complainant (the control): " + genuine.statusCode());
        }
        webhook("replayed event id", event(eventId, ticket.group(), "RESOLVED", 2), now(), GatewayProcess.WEBHOOK_SECRET, false);
        webhook("stale timestamp", event("evt-" + UUID.randomUUID(), ticket.group(), "FIELD_VISIT", 3),
                now() - 3600, GatewayProcess.WEBHOOK_SECRET, true);
        webhook("wrong signature", event("evt-" + UUID.randomUUID(), ticket.group(), "REJECTED", 4), now(),
                "a0b1c2d3e4f5a6b7c8d9e0f1", true);
        webhook("timestamp from the future", event("evt-" + UUID.randomUUID(), ticket.group(), "REJECTED", 5),
                now() + 3600, GatewayProcess.WEBHOOK_SECRET, true);
        webhook("no signature", event("evt-" + UUID.randomUUID(), ticket.group(), "REJECTED", 6), now(), null, true);
    }

    private void webhook(String what, String body, long timestamp, String secret, boolean mustBeRefused) throws Exception {
        long before = target.outboxRows();
        HttpResponse<String> answer = hook(body, timestamp, secret);
        long sent = target.outboxRows() - before;
        String leak = sent > 0 ? what + ": " + sent + " SMS queued (HTTP " + answer.statusCode() + ")"
                : mustBeRefused && !REFUSED.contains(answer.statusCode()) ? what + ": answered " + answer.statusCode() : null;
        tally.record("webhooks", leak);
    }

    private HttpResponse<String> hook(String body, long timestamp, String secret) throws Exception {
        Map<String, String> headers = secret == null ? Map.of("X-Timestamp", String.valueOf(timestamp))
                : Map.of("X-Timestamp", String.valueOf(timestamp), "X-Signature", "sha256=" + sign(secret, timestamp + "." + body));
        return target.post("/hooks/complaints", "application/json", body, null, headers);
    }

    private static String event(String eventId, String ticket, String status, int minutesLater) {
        return new JsonObject().put("eventId", eventId).put("ticketId", ticket).put("status", status)
                .put("updatedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusMinutes(minutesLater).toString()).encode();
    }

    static String sign(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    // --- credentials --------------------------------------------------------------------------------------

    /** Each credential opens its own domain only: no token, a wrong one, or the other domain's → 401/403. */
    void credentials() throws Exception {
        String phone = target.freshPhone();
        credential("USSD adapter, no token", target.ussd(null, "cred-1", phone, ""));
        credential("USSD adapter, a wrong aggregator token", target.ussd("e4d3c2b1a0f9e8d7c6b5a4f3", "cred-2", phone, ""));
        credential("USSD adapter, the notifications (API) token", target.ussd(GatewayProcess.API_TOKEN, "cred-3", phone, ""));
        credential("USSD adapter, the webhook secret", target.ussd(GatewayProcess.WEBHOOK_SECRET, "cred-4", phone, ""));
        credential("USSD adapter, a wrong token in the query", target.post("/ussd/" + Target.AGGREGATOR
                + "?token=e4d3c2b1a0f9e8d7c6b5a4f3", "application/x-www-form-urlencoded",
                "sessionId=cred-5&serviceCode=*777%23&phoneNumber=" + phone + "&text=", null, Map.of()));
        String notification = new JsonObject().put("notifications", new JsonArray().add(new JsonObject()
                .put("msisdn", phone).put("text", "Bantuan Anda cair besok, datang ke kantor desa").put("category", "SERVICE"))).encode();
        credential("notifications API, no token", notifications(notification, null));
        credential("notifications API, the aggregator's token", notifications(notification, Target.AGGREGATOR_TOKEN));
        credential("notifications API, the webhook secret", notifications(notification, GatewayProcess.WEBHOOK_SECRET));
        HttpResponse<String> ready = target.gateway.get("/ready", Target.AGGREGATOR_TOKEN);
        tally.record("credentials", ready.body().contains("mysql") || ready.body().contains("redis")
                ? "/ready details with the aggregator's token: " + ready.body() : null);
    }

    private void credential(String what, HttpResponse<String> answer) throws Exception {
        tally.record("credentials", REFUSED.contains(answer.statusCode()) ? null
                : what + ": answered " + answer.statusCode() + " " + answer.body());
    }

    private HttpResponse<String> notifications(String body, String token) throws Exception {
        long before = target.outboxRows();
        HttpResponse<String> answer = target.post("/api/v1/notifications", "application/json", body, token, Map.of());
        if (target.outboxRows() != before) {
            tally.leak("credentials", "notifications queued with a foreign credential");
        }
        return answer;
    }

    // --- oversized bodies ---------------------------------------------------------------------------------

    /** With the right credential, a body past each route's limit is refused before it is read, and nothing queued. */
    void oversizedBodies(String ussdToken) throws Exception {
        String phone = target.freshPhone();
        oversized("USSD adapter, 1 MiB", () -> target.post("/ussd/" + Target.AGGREGATOR, "application/x-www-form-urlencoded",
                "sessionId=big-1&serviceCode=*777%23&phoneNumber=" + phone + "&text=1&pad=" + "1".repeat(1 << 20), ussdToken, Map.of()));
        String hook = "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        long ts = now();
        oversized("webhook, 1 MiB, signed", () -> target.post("/hooks/complaints", "application/json", hook, null,
                Map.of("X-Timestamp", String.valueOf(ts), "X-Signature", "sha256=" + sign(GatewayProcess.WEBHOOK_SECRET, ts + "." + hook))));
        JsonArray many = new JsonArray();
        for (int i = 0; i < 45_000; i++) { // about 100 bytes each: 4 MiB
            many.add(new JsonObject().put("msisdn", "62857" + String.format("%08d", 90000000 + i % 1000))
                    .put("text", "Info pasar murah minggu ini di lapangan desa " + i).put("category", "BROADCAST"));
        }
        String batch = new JsonObject().put("notifications", many).encode();
        oversized("notifications API, 4 MiB, with the API token", () -> target.post("/api/v1/notifications",
                "application/json", batch, GatewayProcess.API_TOKEN, Map.of()));
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void oversized(String what, Call call) throws Exception {
        long before = target.outboxRows();
        String leak;
        try {
            HttpResponse<String> answer = call.send();
            leak = answer.statusCode() / 100 == 2 ? what + ": answered " + answer.statusCode() : null;
        } catch (IOException e) {
            leak = null; // the edge closed the connection: refused
        }
        long queued = target.outboxRows() - before;
        tally.record("oversized-bodies", queued > 0 ? what + ": " + queued + " SMS queued" : leak);
    }

    // --- rate limits --------------------------------------------------------------------------------------

    /**
     * Bursts: one MSISDN over HTTP, one source address with a new MSISDN each time, one phone over SMPP. Each
     * burst must meet a limit (429, or a screen other than the one every request got before it), not answers.
     */
    void rateLimits(String ussdToken, int burst) throws Exception {
        String phone = target.freshPhone();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            answers.add(answer(target.ussd(ussdToken, "burst-msisdn-" + i, phone, "")));
        }
        limited("HTTP, " + burst + " dials from one MSISDN", answers);

        // a source's bucket is deep (hundreds of steps) and refills fast: many attackers at once, more than it holds
        List<java.util.concurrent.Callable<String>> dials = new ArrayList<>();
        for (int i = 0; i < burst * 40; i++) {
            int n = i;
            dials.add(() -> answer(target.ussd(ussdToken, "burst-source-" + n, target.freshPhone(), "")));
        }
        java.util.concurrent.ExecutorService attackers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<String> fromOneSource = new ArrayList<>();
            for (java.util.concurrent.Future<String> f : attackers.invokeAll(dials)) {
                fromOneSource.add(f.get());
            }
            limited("HTTP, " + dials.size() + " dials from one source address, a new MSISDN each", fromOneSource);
        } finally {
            attackers.shutdownNow();
        }

        answers.clear();
        SimulatedPhone handset = target.smsc.phone(target.freshPhone());
        for (int i = 0; i < burst; i++) {
            List<String> dialogue = Enumeration.dialogue(handset, List.of());
            answers.add(dialogue.get(0));
        }
        limited("SMPP, " + burst + " dials from one phone", answers);
    }

    private static String answer(HttpResponse<String> response) {
        return response.statusCode() == 200 ? response.body() : "<" + response.statusCode() + ">";
    }

    private void limited(String what, List<String> answers) {
        boolean metALimit = answers.stream().anyMatch(a -> !a.equals(answers.get(0)));
        tally.record("rate-limits", metALimit ? null : what + ": every one answered '"
                + answers.get(0).lines().findFirst().orElse("") + "…'");
    }
}
