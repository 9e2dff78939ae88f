package id.betang.simulator.web;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import id.betang.simulator.smsc.Misbehaviours;
import id.betang.simulator.smsc.MtRecord;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web phone: a feature phone in the browser (plain HTML/CSS/JS from {@code webphone/}) driving the
 * simulator's phones, with the session log beside it and the SMSC's misbehaviours switchable. Loopback only.
 * JSON API under {@code /api}: dial, send, hang, sms, inbox, log, misbehaviours.
 */
public final class PhoneServer implements AutoCloseable {

    private static final String SHORT_CODE = "7777";

    private final Vertx vertx;
    private final SmscSimulator smsc;
    private final Map<String, SimulatedPhone> phones = new ConcurrentHashMap<>();
    private final Map<String, List<JsonObject>> inboxes = new ConcurrentHashMap<>();
    private final List<JsonObject> log = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public PhoneServer(Vertx vertx, SmscSimulator smsc) {
        this.vertx = vertx;
        this.smsc = smsc;
    }

    public PhoneServer start(int port) throws Exception {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/api/dial").handler(ctx -> step(ctx, (phone, body) -> phone.dial(body.getString("code", "*777#")),
                "dial %s"));
        router.post("/api/send").handler(ctx -> step(ctx, (phone, body) -> phone.send(body.getString("input", "")),
                "answer %s"));
        router.post("/api/hang").handler(this::hang);
        router.post("/api/sms").handler(this::sms);
        router.get("/api/inbox").handler(this::inbox);
        router.get("/api/log").handler(ctx -> ctx.json(new JsonArray(new ArrayList<>(log))));
        router.get("/api/misbehaviours").handler(ctx -> ctx.json(new JsonObject(smsc.misbehaviours().settings())));
        router.post("/api/misbehaviours").handler(this::misbehave);
        router.route("/*").handler(StaticHandler.create("webphone").setCachingEnabled(false));
        server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    @FunctionalInterface
    private interface PhoneStep {
        SimulatedPhone.Screen on(SimulatedPhone phone, JsonObject body) throws Exception;
    }

    private void step(RoutingContext ctx, PhoneStep step, String what) {
        JsonObject body = ctx.body().asJsonObject();
        String msisdn = body == null ? null : body.getString("msisdn");
        if (msisdn == null || !msisdn.matches("62\\d{8,13}")) {
            ctx.response().setStatusCode(400).end("msisdn like 6281234567890 required");
            return;
        }
        SimulatedPhone phone = phones.computeIfAbsent(msisdn, smsc::phone);
        String typed = body.getString("code", body.getString("input", ""));
        note(msisdn, "MO", String.format(what, typed));
        vertx.executeBlocking(() -> {
            synchronized (phone) {
                return step.on(phone, body);
            }
        }, false).onSuccess(screen -> {
            noteMt(msisdn, screen.pdu());
            ctx.json(new JsonObject().put("text", screen.text()).put("end", screen.end()));
        }).onFailure(e -> {
            note(msisdn, "!!", e.getMessage());
            ctx.json(new JsonObject().put("text", "USSD error: " + e.getMessage()).put("end", true));
        });
    }

    private void hang(RoutingContext ctx) {
        String msisdn = ctx.body().asJsonObject().getString("msisdn");
        SimulatedPhone phone = phones.computeIfAbsent(msisdn, smsc::phone);
        vertx.executeBlocking(() -> {
            phone.hangUp();
            return null;
        }, false).onComplete(done -> {
            note(msisdn, "MO", "hang up (deliver_sm, end of session)");
            ctx.response().setStatusCode(204).end();
        });
    }

    private void sms(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String msisdn = body.getString("msisdn");
        String text = body.getString("text", "");
        SimulatedPhone phone = phones.computeIfAbsent(msisdn, smsc::phone);
        vertx.executeBlocking(() -> {
            phone.sendSms(SHORT_CODE, text);
            return null;
        }, false).onComplete(done -> {
            note(msisdn, "MO", "SMS to " + SHORT_CODE + ": " + text);
            ctx.response().setStatusCode(done.succeeded() ? 202 : 503).end();
        });
    }

    /** Every SMS this phone got, oldest first (kept here, so reloading the page loses nothing). */
    private void inbox(RoutingContext ctx) {
        String msisdn = ctx.queryParams().get("msisdn");
        if (msisdn == null) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        List<JsonObject> kept = inboxes.computeIfAbsent(msisdn, k -> new CopyOnWriteArrayList<>());
        for (SmsInbox.Sms sms : phones.computeIfAbsent(msisdn, smsc::phone).drainSms()) {
            kept.add(new JsonObject().put("from", sms.from()).put("text", sms.text())
                    .put("at", LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            noteMt(msisdn, sms.pdus().get(0));
        }
        ctx.json(new JsonArray(new ArrayList<>(kept)));
    }

    private void misbehave(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body.getString("name", "");
        Object value = body.getValue("value");
        try {
            switch (name) {
                case Misbehaviours.DROP_LINK -> smsc.dropLink();
                case Misbehaviours.UNBIND -> smsc.unbindAll();
                case Misbehaviours.GARBLE_PDU -> smsc.garble();
                default -> smsc.misbehaviours().set(name, value == null ? "" : String.valueOf(value));
            }
            note("smsc", "--", "misbehaviour " + name + " = " + value);
            ctx.json(new JsonObject(smsc.misbehaviours().settings()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            ctx.response().setStatusCode(400).end(e.getMessage());
        }
    }

    private void note(String msisdn, String direction, String what) {
        log.add(new JsonObject().put("at", LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("msisdn", msisdn).put("dir", direction).put("what", what));
        while (log.size() > 500) {
            log.remove(0);
        }
    }

    private void noteMt(String msisdn, MtRecord pdu) {
        String what = pdu.isUssd()
                ? String.format("submit_sm USSD op=%d session=%d seq=%d%s: %s", pdu.ussdServiceOp().getAsInt(),
                        pdu.sessionNumber(), pdu.sequence(), pdu.endOfSession() ? " end" : "", pdu.text())
                : String.format("submit_sm SMS from %s dcs=0x%02x: %s", pdu.source(), pdu.dataCoding(), pdu.text());
        note(msisdn, "MT", what);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().await(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // the JVM is going anyway
            }
        }
    }
}
