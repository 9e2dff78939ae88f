package id.betang.gateway.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.session.ChosenLanguages;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.store.Database;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.UssdReply;
import id.betang.gateway.ussd.UssdRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * What a gateway does before it says ready, so the first resident's step is as fast as the thousandth: a few
 * dialogues through the engine (menu screen in, exit out: the render paths and the session store warm in the
 * JIT), and a connection to every store opened (MySQL pool, Redis, the registry client's pool through the
 * dialogue's agent look-up and a harmless GET of the regions). Bounded in time; a store that does not answer is
 * logged and left to readiness, never a reason not to start. {@code GET /ready} answers 503 until it is done.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** At most this long before ready: warm enough by then, and a start must not hang on a slow store. */
    static final Duration BUDGET = Duration.ofSeconds(5);
    /** Dialogues to walk: enough for the JIT to compile the hot paths of a step, few enough to stay brief. */
    static final int DIALOGUES = 30;
    /** An MSISDN no phone has (62 + zeros): its sessions are its own and live only for the warm-up. */
    static final String MSISDN = "620000000000";
    private static final int MYSQL_CONNECTIONS = 4;

    private final Vertx vertx;
    private final Dialogue dialogue;
    private final Database database;
    private final RedisConnection redis;
    private final RegistryClient registry;
    private final ChosenLanguages languages;
    private final AtomicBoolean done = new AtomicBoolean();

    /** @param languages where a dial's language mirror lives: the warm-up's phone's is dropped afterwards */
    public WarmUp(Vertx vertx, Dialogue dialogue, ChosenLanguages languages, Database database, RedisConnection redis,
                  RegistryClient registry) {
        this.vertx = vertx;
        this.dialogue = dialogue;
        this.languages = languages;
        this.database = database;
        this.redis = redis;
        this.registry = registry;
    }

    /** Answers {@code GET /ready} with 503 until warm, then lets the readiness check answer; mount it before that. */
    public WarmUp gate(Router router) {
        router.get("/ready").handler(ctx -> {
            if (done.get()) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("status", "not ready").put("warmUp", "in progress").encode());
            }
        });
        return this;
    }

    public boolean done() {
        return done.get();
    }

    /** Starts warming up; completes (never fails) when done or when the budget is spent. */
    public Future<Void> start() {
        long started = System.nanoTime();
        List<Future<String>> parts = new ArrayList<>();
        parts.add(part("dialogues", this::dialogues));
        parts.add(part("MySQL", this::mysql));
        parts.add(part("Redis", () -> redis.ping().map(up -> up ? "up" : "no PONG")));
        parts.add(part("registry", () -> registry.regions().map(regions -> regions.size() + " regions")));
        Promise<Void> finished = Promise.promise();
        long timer = vertx.setTimer(BUDGET.toMillis(), t -> finished.tryComplete());
        Future.join(parts).onComplete(all -> {
            vertx.cancelTimer(timer);
            finished.tryComplete();
        });
        return finished.future().onComplete(v -> {
            done.set(true);
            List<String> report = parts.stream()
                    .map(p -> p.isComplete() ? (p.succeeded() ? p.result() : "failed (" + p.cause().getMessage() + ")")
                            : "unfinished")
                    .toList();
            LOG.info(EventLoops.WARM + " {} ms: dialogues {}, MySQL {}, Redis {}, registry {}",
                    (System.nanoTime() - started) / 1_000_000, report.get(0), report.get(1), report.get(2), report.get(3));
        });
    }

    /** Runs one part, naming it in a failure: a part's failure is reported, never passed on. */
    private static Future<String> part(String name, Supplier<Future<String>> part) {
        try {
            return part.get().onFailure(e -> LOG.warn("warm-up: {} did not answer: {}", name, e.toString()));
        } catch (RuntimeException e) {
            LOG.warn("warm-up: {} could not start: {}", name, e.toString());
            return Future.failedFuture(e);
        }
    }

    /** One after the other: a dialogue's steps (open the menu, choose exit), a fresh session each time. */
    private Future<String> dialogues() {
        Future<Integer> walked = Future.succeededFuture(0);
        long deadline = System.nanoTime() + BUDGET.toNanos() / 2;
        for (int i = 0; i < DIALOGUES; i++) {
            String session = MSISDN + ":warm-up-" + i;
            walked = walked.compose(n -> System.nanoTime() > deadline ? Future.succeededFuture(n)
                    : step(new UssdRequest(MSISDN, session, UssdRequest.Kind.BEGIN, List.of(), "warm-up"))
                            .compose(menu -> step(new UssdRequest(MSISDN, session, UssdRequest.Kind.CONTINUE,
                                    List.of("0"), "warm-up")))
                            .compose(end -> end.end() ? Future.succeededFuture(n + 1)
                                    // the menu changed and 0 no longer ends: leave nothing open behind
                                    : step(new UssdRequest(MSISDN, session, UssdRequest.Kind.ABORT, List.of(), "warm-up"))
                                            .map(n + 1)));
        }
        // each dial mirrored the phone's (absent) language choice in Redis: the warm-up leaves no key behind
        return walked.compose(n -> languages.forget(MSISDN).otherwiseEmpty().map(v -> n + " walked"));
    }

    private Future<UssdReply> step(UssdRequest request) {
        return dialogue.handle(request).map((Optional<UssdReply> reply) -> reply.orElse(new UssdReply("", true)));
    }

    /** Several connections at once, so the pool holds more than one when the first residents arrive. */
    private Future<String> mysql() {
        List<Future<Boolean>> pings = new ArrayList<>();
        for (int i = 0; i < MYSQL_CONNECTIONS; i++) {
            pings.add(vertx.executeBlocking(database::ping, false));
        }
        return Future.all(pings).map(all -> {
            long up = pings.stream().filter(p -> Boolean.TRUE.equals(p.result())).count();
            if (up == 0) {
                throw new IllegalStateException("no connection");
            }
            return up + " connection(s)";
        });
    }
}
