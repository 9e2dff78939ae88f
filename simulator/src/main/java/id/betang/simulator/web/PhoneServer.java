package id.betang.simulator.web;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import id.betang.simulator.demo.SampleData;
import id.betang.simulator.smsc.Misbehaviours;
import id.betang.simulator.smsc.PduLog;
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
 * simulator's phones, with the sample residents, the session log of every PDU beside it and the SMSC's
 * misbehaviours switchable. Loopback unless started on another address (the container image's 0.0.0.0).
 * JSON API under {@code /api}: dial, send, hang, sms, inbox, log, samples, misbehaviours.
 */
public final class PhoneServer implements AutoCloseable {

    private static final String SHORT_CODE = "7777";
    /** The most log entries one read returns: the page asks again for what is newer. */
    private static final int LOG_PAGE = 300;

    private final Vertx vertx;
    private final SmscSimulator smsc;
    private final Map<String, SimulatedPhone> phones = new ConcurrentHashMap<>();
    private final Map<String, List<JsonObject>> inboxes = new ConcurrentHashMap<>();
    private final PduLog log;
    private HttpServer server;

    public PhoneServer(Vertx vertx, SmscSimulator smsc) {
        this.vertx = vertx;
        this.smsc = smsc;
        this.log = smsc.pduLog();
    }

    /** The address the web phone listens on unless told: BETANG_WEB_HOST (0.0.0.0 in the image), else loopback. */
    public static String defaultHost() {
        String host = System.getenv("BETANG_WEB_HOST");
        return host == null || host.isBlank() ? "127.0.0.1" : host.strip();
    }

    /** Listens on {@link #defaultHost()}: loopback, unless BETANG_WEB_HOST says otherwise. */
    public PhoneServer start(int port) throws Exception {
        return start(defaultHost(), port);
    }

    /** @param host the address to listen on, e.g. 0.0.0.0 inside a container whose port is published */
    public PhoneServer start(String host, int port) throws Exception {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/api/dial").handler(ctx -> step(ctx, (phone, body) -> phone.dial(body.getString("code", "*777#")),
                "dialled %s"));
        router.post("/api/send").handler(ctx -> step(ctx, (phone, body) -> phone.send(body.getString("input", "")),
                "typed %s"));
        router.post("/api/hang").handler(this::hang);
        router.post("/api/sms").handler(this::sms);
        router.get("/api/inbox").handler(this::inbox);
        router.get("/api/log").handler(this::log);
        router.get("/api/samples").handler(this::samples);
        router.get("/api/misbehaviours").handler(ctx -> ctx.json(new JsonObject(smsc.misbehaviours().settings())));
        router.post("/api/misbehaviours").handler(this::misbehave);
        router.route("/*").handler(StaticHandler.create("webphone").setCachingEnabled(false));
        server = vertx.createHttpServer().requestHandler(router).listen(port, host).await(10, TimeUnit.SECONDS);
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
        log.note(msisdn, String.format(what, typed));
        vertx.executeBlocking(() -> {
            synchronized (phone) {
                return step.on(phone, body);
            }
        }, false).onSuccess(screen -> {
            ctx.json(new JsonObject().put("text", screen.text()).put("end", screen.end()));
        }).onFailure(e -> {
            log.note(msisdn, "USSD error: " + e.getMessage());
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
            log.note(msisdn, "hung up");
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
            log.note(msisdn, done.succeeded() ? "sent an SMS to " + SHORT_CODE : "SMS not sent: " + done.cause().getMessage());
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
            log.note(null, "misbehaviour " + name + (value == null ? "" : " = " + value));
            ctx.json(new JsonObject(smsc.misbehaviours().settings()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            ctx.response().setStatusCode(400).end(e.getMessage());
        }
    }

    /**
     * {@code ?after=ID} entries newer than that id, {@code &msisdn=…} only that phone's; with the phones the
     * log has seen, for the page's filter.
     */
    private void log(RoutingContext ctx) {
        long after;
        try {
            after = Long.parseLong(ctx.queryParams().get("after") == null ? "0" : ctx.queryParams().get("after"));
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(400).end("after takes an entry id");
            return;
        }
        String msisdn = ctx.queryParams().get("msisdn");
        List<PduLog.Entry> entries = log.after(after, msisdn == null || msisdn.isBlank() ? null : msisdn, LOG_PAGE);
        ctx.json(new JsonObject().put("entries", SessionLogJson.of(entries)).put("phones", new JsonArray(log.phones())));
    }

    /**
     * The registry stub's sample residents with their phones, NIKs and the card digits another phone confirms
     * with, as the demo prints them.
     */
    private void samples(RoutingContext ctx) {
        JsonArray all = new JsonArray();
        SampleData.SAMPLES.forEach(s -> all.add(new JsonObject().put("msisdn", s.msisdn()).put("nik", s.nik())
                .put("cardSuffix", s.cardSuffix()).put("who", s.who())));
        ctx.json(all);
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
