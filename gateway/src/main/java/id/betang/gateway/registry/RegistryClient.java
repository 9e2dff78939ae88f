package id.betang.gateway.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.CircuitBreaker;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.Mask;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The registry's HTTP API (registry-api.yaml) as the gateway calls it: bearer token, a deadline per call,
 * one quick retry for reads only, and a circuit breaker so that a registry in trouble costs a resident
 * an instant "try later" instead of a frozen screen. Every failure arrives as a {@link RegistryProblem}.
 * One client per {@link Lane}: residents' lookups and background work never share a connection pool or a
 * circuit, so a reminder run or a complaint backlog cannot turn status screens into "answer by SMS".
 */
public final class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final Duration RETRY_AFTER = Duration.ofMillis(100);

    /** Who waits for a call's answer, which decides the pool, the circuit and whether calls queue. */
    public enum Lane {
        /**
         * A resident at the phone (status, schedule, card and PIN checks, complaint status, reference data).
         * Vert.x keeps 5 connections per host by default: at hundreds of status steps a second, calls would
         * queue for a connection while the registry itself is idle.
         */
        INTERACTIVE("registry", 32, 0),
        /**
         * Work nobody watches (complaint relay, reminders, warm-up): at most 16 calls at the registry at once,
         * as many as its pool has connections, the rest queued in order (up to 5,000), so a backlog after an
         * outage or a reminder page of 200 neither floods the registry nor times out waiting for a connection.
         */
        BACKGROUND("background registry", 16, 5_000);

        private final String label;
        private final int connections;
        private final int queued;

        Lane(String label, int connections, int queued) {
            this.label = label;
            this.connections = connections;
            this.queued = queued;
        }
    }

    private final Vertx vertx;
    private final Lane lane;
    /** Calls at the registry now and those waiting their turn; null for the interactive lane, which never queues. */
    private final CallQueue queue;
    private final WebClient http;
    private final String base;
    private final String bearer;
    private final long timeoutMs;
    private final CircuitBreaker<Object> breaker;
    private final List<Runnable> onBackUp = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The client for residents' lookups. */
    public RegistryClient(Vertx vertx, GatewayConfig.Registry config) {
        this(vertx, config, breaker(Lane.INTERACTIVE), Lane.INTERACTIVE);
    }

    /** The client for background work: its own pool, circuit and queue. */
    public static RegistryClient background(Vertx vertx, GatewayConfig.Registry config) {
        return new RegistryClient(vertx, config, breaker(Lane.BACKGROUND), Lane.BACKGROUND);
    }

    RegistryClient(Vertx vertx, GatewayConfig.Registry config, CircuitBreaker<Object> breaker) {
        this(vertx, config, breaker, Lane.INTERACTIVE);
    }

    RegistryClient(Vertx vertx, GatewayConfig.Registry config, CircuitBreaker<Object> breaker, Lane lane) {
        this.vertx = vertx;
        this.lane = lane;
        this.queue = lane.queued == 0 ? null : new CallQueue(lane.connections, lane.queued);
        this.http = WebClient.create(vertx, new WebClientOptions()
                        .setConnectTimeout((int) config.timeout().toMillis())
                        .setUserAgent("betang-gateway"),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(lane.connections));
        String url = config.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.bearer = "Bearer " + config.token();
        this.timeoutMs = config.timeout().toMillis();
        this.breaker = breaker;
    }

    private static CircuitBreaker<Object> breaker(Lane lane) {
        return CircuitBreaker.builder()
                .withFailureThreshold(5, 10)   // 5 of the last 10 calls unavailable: open
                // open long enough that residents stop waiting on a dead registry, short enough that the
                // complaints queued meanwhile reach it soon after it is back (the relay probes once it closes)
                .withDelay(Duration.ofSeconds(10))
                .withSuccessThreshold(2)
                .onOpen(e -> LOG.warn("{} circuit open: its calls fail at once for 10 s", lane.label))
                .onClose(e -> LOG.info("{} circuit closed: calls go through again", lane.label))
                .build();
    }

    /** Runs {@code listener} whenever the circuit closes again, whichever call closed it. */
    public void onBackUp(Runnable listener) {
        onBackUp.add(listener);
    }

    /**
     * False while the circuit is open: a call now would fail at once without reaching the registry. True
     * once its delay is over, although the breaker only turns half-open at the next call: a client only
     * the relay uses would otherwise never be asked again.
     */
    public boolean acceptsCalls() {
        return !breaker.isOpen() || breaker.getRemainingDelay().compareTo(Duration.ZERO) <= 0;
    }

    /** For tests: whether this lane's circuit is closed now. */
    boolean circuitClosed() {
        return breaker.isClosed();
    }

    public Future<Registry.Resident> resident(String nik) {
        return read("/residents/" + nik, json -> {
            JsonObject o = (JsonObject) json;
            return new Registry.Resident(o.getString("nik"), o.getString("name"), o.getString("householdId"),
                    o.getString("region"), strings(o.getJsonArray("msisdns")), text(o, "language"));
        });
    }

    /**
     * Whether these are the last 6 digits of the household's card; an unknown NIK answers false too. The
     * gateway never stores, shows or logs the digits. Not retried: a POST counts as a try at the registry.
     */
    public Future<Boolean> verify(String nik, String cardSuffix) {
        JsonObject body = new JsonObject().put("cardSuffix", cardSuffix);
        return call(() -> request(http.postAbs(base + "/residents/" + nik + "/verify")).sendJsonObject(body),
                json -> ((JsonObject) json).getBoolean("verified", false));
    }

    public Future<Registry.Benefits> benefits(String nik) {
        return read("/residents/" + nik + "/benefits", json -> {
            JsonObject o = (JsonObject) json;
            JsonArray items = o.getJsonArray("benefits", new JsonArray());
            List<Registry.Benefit> benefits = items.stream().map(JsonObject.class::cast)
                    .map(b -> new Registry.Benefit(b.getString("program"), b.getString("status"), text(b, "reason"),
                            date(b, "since")))
                    .toList();
            // a date-time such as 2026-11-10T09:30:00+07:00: the screen only needs its (local) day
            Optional<LocalDate> updated = text(o, "updatedAt").filter(t -> t.length() >= 10)
                    .map(t -> LocalDate.parse(t.substring(0, 10)));
            return new Registry.Benefits(o.getString("nik"), benefits, updated);
        });
    }

    /** Disbursements from {@code from} on, soonest first. */
    public Future<List<Registry.Disbursement>> disbursements(String nik, LocalDate from) {
        return read("/residents/" + nik + "/disbursements?from=" + from, json ->
                ((JsonObject) json).getJsonArray("disbursements", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(d -> new Registry.Disbursement(d.getString("program"), LocalDate.parse(d.getString("date")),
                                d.getString("status"), d.getValue("amount") == null ? OptionalLong.empty()
                                        : OptionalLong.of(d.getLong("amount")),
                                text(d, "item"), text(d, "place"), text(d, "channel")))
                        .toList());
    }

    public Future<List<Registry.Region>> regions() {
        return read("/regions", json -> ((JsonArray) json).stream().map(JsonObject.class::cast)
                .map(r -> new Registry.Region(r.getString("code"), r.getString("name"))).toList());
    }

    public Future<List<Registry.MarketDay>> marketSchedules(String region) {
        return read("/market-schedules?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8),
                json -> ((JsonArray) json).stream().map(JsonObject.class::cast)
                        .map(m -> new Registry.MarketDay(LocalDate.parse(m.getString("date")), m.getString("place"),
                                text(m, "subdistrict"), text(m, "note")))
                        .toList());
    }

    public Future<Registry.Agent> agent(String msisdn) {
        return read("/agents/" + msisdn, json -> {
            JsonObject o = (JsonObject) json;
            return new Registry.Agent(o.getString("agentId"), o.getString("name"), o.getString("region"));
        });
    }

    /**
     * Whether this PIN is the agent's (an unknown agent answers false as well). A POST, never retried: each
     * call is a try the registry may count. The PIN goes only into the request body, never into a log line.
     */
    public Future<Boolean> agentPin(String msisdn, String pin) {
        JsonObject body = new JsonObject().put("pin", pin);
        return call(() -> request(http.postAbs(base + "/agents/" + msisdn + "/verify")).sendJsonObject(body),
                json -> ((JsonObject) json).getBoolean("verified", false));
    }

    /**
     * Forwards a complaint. Never retried here: the relay retries, and the Idempotency-Key (the ticket id)
     * makes a repeat return the first result, so the registry takes each complaint exactly once.
     */
    public Future<Registry.ComplaintState> fileComplaint(id.betang.gateway.complaint.Complaint c) {
        JsonObject body = new JsonObject().put("ticketId", c.ticketId()).put("category", c.category())
                .put("channel", c.channel()).put("msisdn", c.msisdn()).put("text", c.body())
                .put("createdAt", c.createdAt().toString());
        putIfSet(body, "nik", c.nik());
        putIfSet(body, "region", c.region());
        putIfSet(body, "village", c.village());
        putIfSet(body, "agentId", c.agentId());
        return call(() -> request(http.postAbs(base + "/complaints")).putHeader("Idempotency-Key", c.ticketId())
                        .sendJsonObject(body),
                json -> {
                    JsonObject o = (JsonObject) json;
                    return new Registry.ComplaintState(o.getString("ticketId", c.ticketId()), o.getString("status"),
                            text(o, "note"), instant(o, "updatedAt"));
                });
    }

    /** Where a complaint stands at the registry now. */
    public Future<Registry.ComplaintState> complaint(String ticketId) {
        return read("/complaints/" + ticketId, json -> {
            JsonObject o = (JsonObject) json;
            return new Registry.ComplaintState(o.getString("ticketId", ticketId), o.getString("status"), text(o, "note"),
                    instant(o, "updatedAt"));
        });
    }

    private static void putIfSet(JsonObject o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value);
        }
    }

    /** A GET: safe to repeat, so a failure that looks passing (timeout, 5xx) gets one more try. */
    private <T> Future<T> read(String path, Function<Object, T> parse) {
        Supplier<Future<HttpResponse<Buffer>>> get = () -> request(http.getAbs(base + path)).send();
        return call(get, parse).recover(e -> {
            if (!RegistryProblem.isUnavailable(e) || !breaker.isClosed()) {
                return Future.failedFuture(e);
            }
            Promise<T> again = Promise.promise();
            vertx.setTimer(RETRY_AFTER.toMillis(), t -> call(get, parse).onComplete(again));
            return again.future();
        });
    }

    private HttpRequest<Buffer> request(HttpRequest<Buffer> r) {
        return r.putHeader("Authorization", bearer).putHeader("Accept", "application/json").timeout(timeoutMs);
    }

    private <T> Future<T> call(Supplier<Future<HttpResponse<Buffer>>> send, Function<Object, T> parse) {
        // the circuit is asked when the call's turn comes, so a backlog fails fast once it opens
        return queue == null ? attempt(send, parse) : queue.submit(vertx.getOrCreateContext(), () -> attempt(send, parse));
    }

    private <T> Future<T> attempt(Supplier<Future<HttpResponse<Buffer>>> send, Function<Object, T> parse) {
        if (!breaker.tryAcquirePermit()) {
            return Future.failedFuture(RegistryProblem.unavailable("circuit open"));
        }
        return send.get().transform(done -> {
            RegistryProblem problem;
            if (done.failed()) {
                problem = RegistryProblem.unavailable(done.cause().getClass().getSimpleName() + " "
                        + done.cause().getMessage());
            } else {
                HttpResponse<Buffer> response = done.result();
                if (response.statusCode() / 100 == 2) {
                    try {
                        T value = parse.apply(response.bodyAsString() == null ? null
                                : io.vertx.core.json.Json.decodeValue(response.bodyAsString()));
                        succeeded();
                        return Future.succeededFuture(value);
                    } catch (DecodeException | ClassCastException | NullPointerException
                             | java.time.format.DateTimeParseException e) {
                        problem = RegistryProblem.unavailable("unreadable answer: " + e.getMessage());
                    }
                } else {
                    problem = problemOf(response);
                }
            }
            if (problem.kind() == RegistryProblem.Kind.UNAVAILABLE) {
                breaker.recordFailure();
                LOG.warn("{} unavailable: {}", lane.label, Mask.numbersIn(problem.getMessage()));
            } else {
                succeeded(); // the registry answered; the answer was "no"
            }
            return Future.failedFuture(problem);
        });
    }

    private void succeeded() {
        boolean wasOpen = !breaker.isClosed();
        breaker.recordSuccess();
        if (wasOpen && breaker.isClosed()) {
            onBackUp.forEach(Runnable::run);
        }
    }

    /** RFC 9457 problem details where the registry sent them, the status alone where it did not. */
    private static RegistryProblem problemOf(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String code = null;
        String detail = "HTTP " + status;
        boolean details = false;
        try {
            JsonObject problem = response.bodyAsJsonObject();
            if (problem != null) {
                details = true;
                code = problem.getString("code");
                detail = problem.getString("detail", problem.getString("title", detail));
            }
        } catch (DecodeException | ClassCastException e) {
            // a proxy's HTML error page: the status says enough
        }
        if (status == 404) {
            return new RegistryProblem(RegistryProblem.Kind.NOT_FOUND, code, detail);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new RegistryProblem(RegistryProblem.Kind.UNAVAILABLE, code, detail);
        }
        return new RegistryProblem(RegistryProblem.Kind.REJECTED, code, detail, status, details);
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    private static Optional<String> text(JsonObject o, String key) {
        return Optional.ofNullable(o.getString(key)).filter(s -> !s.isBlank());
    }

    /** A date-time with an offset; one the gateway cannot read orders nothing rather than failing the answer. */
    private static Optional<java.time.Instant> instant(JsonObject o, String key) {
        try {
            return text(o, key).map(t -> java.time.OffsetDateTime.parse(t).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(JsonObject o, String key) {
        return text(o, key).map(LocalDate::parse);
    }

    public void close() {
        http.close();
    }

    /**
     * At most {@code running} calls at the registry at once; the others wait their turn in order, each then
     * started on the context that asked for it; past {@code queued} waiting a call fails at once as
     * unavailable (without counting against the circuit: the registry never saw it). Nothing blocks. Not
     * Failsafe's async bulkhead: that starts its executions on its own scheduler threads, off the Vert.x
     * context the caller's continuations expect.
     */
    private static final class CallQueue {

        private final int running;
        private final int queued;
        private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
        private int atRegistry;

        CallQueue(int running, int queued) {
            this.running = running;
            this.queued = queued;
        }

        <T> Future<T> submit(io.vertx.core.Context context, Supplier<Future<T>> call) {
            Promise<T> done = Promise.promise();
            synchronized (this) {
                if (atRegistry == running) {
                    if (waiting.size() >= queued) {
                        return Future.failedFuture(RegistryProblem.unavailable(waiting.size()
                                + " background registry calls already waiting"));
                    }
                    waiting.add(() -> context.runOnContext(v -> start(call, done)));
                    return done.future();
                }
                atRegistry++;
            }
            start(call, done);
            return done.future();
        }

        private <T> void start(Supplier<Future<T>> call, Promise<T> done) {
            Future<T> answer;
            try {
                answer = call.get();
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onComplete(result -> {
                next();
                done.handle(result);
            });
        }

        /** A call is over: the next waiting one takes its place. */
        private void next() {
            Runnable turn;
            synchronized (this) {
                turn = waiting.poll();
                if (turn == null) {
                    atRegistry--;
                }
            }
            if (turn != null) {
                turn.run();
            }
        }
    }
}
