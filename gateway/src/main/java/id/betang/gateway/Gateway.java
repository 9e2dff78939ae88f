package id.betang.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.http.OpsRoutes;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.Readiness;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.session.SessionStore;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.outbox.OutboxSender;
import id.betang.gateway.outbox.Receipts;
import id.betang.gateway.sms.SmsInbox;
import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.Duplicates;
import id.betang.gateway.smpp.SmppChannel;
import id.betang.gateway.smpp.SmsReassembly;
import id.betang.gateway.smpp.SmscBinds;
import id.betang.gateway.smpp.UssdProfile;
import id.betang.gateway.store.Database;
import id.betang.gateway.ussd.BuiltInActions;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.ServiceCode;
import id.betang.menus.Engine;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * One gateway instance: storage opened (MySQL migrated, Redis connected), the menu loaded and validated,
 * SMPP binds kept up, HTTP serving health, readiness and metrics. Stops in reverse order.
 */
public final class Gateway extends VerticleBase {

    /** The menu the gateway serves; validated at start, so an invalid menu never starts. */
    public static final String MENU = "/menus/kartu-huma-betang.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Database database;
    private RedisConnection redis;
    private SmscBinds binds;
    private OutboxSender sender;
    private HttpServer http;

    public Gateway(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        ScreenLimits limits = new ScreenLimits(config.ussd().screenLimitGsm(), config.ussd().screenLimitUcs2());
        MenuTree menu = new MenuLoader(id.betang.menus.ActionCatalog.DEFAULT, limits).loadResource(MENU);
        return vertx.executeBlocking(() -> {
            database = Database.open(config.mysql());
            redis = RedisConnection.open(config.redis());
            return null;
        }).compose(opened -> {
            SessionStore sessions = new SessionStore(redis.connection().async(), config.redis().keyPrefix(),
                    config.ussd().sessionTtl());
            Dialogue dialogue = new Dialogue(new Engine(menu, limits), sessions, BuiltInActions.basic());
            Inbound inbound = new Inbound(metrics);
            SmppChannel ussd = new SmppChannel(vertx, dialogue, inbound, UssdProfile.from(config.smpp(), config.ussd()),
                    new ServiceCode(config.ussd().serviceCode()), config.smpp().addressing());
            Outbox outbox = new Outbox(database);
            RedisAsyncCommands<String, String> async = redis.connection().async();
            DeliverSmRouter deliveries = new DeliverSmRouter(context, ussd,
                    new Duplicates(async, config.redis().keyPrefix(), config.smpp().duplicateWindow()),
                    new SmsReassembly(vertx, async, config.redis().keyPrefix(), config.smpp().reassemblyTimeout()),
                    new SmsInbox(vertx, outbox, inbound),
                    new Receipts(vertx, outbox, config.smpp().receiptIdFormat()));
            binds = new SmscBinds(config.smpp(), deliveries);
            ussd.attach(binds);
            sender = new OutboxSender(database, binds, config.smpp(), config.outbox(), config.ussd().shortCode(), metrics);
            outbox.onQueued(sender::nudge);
            binds.start();
            sender.start();

            Readiness readiness = new Readiness(binds::all, redis::ping,
                    () -> vertx.executeBlocking(database::ping, false));
            Router router = Router.router(vertx);
            OpsRoutes.mount(router, readiness, metrics);
            return vertx.createHttpServer().requestHandler(router).listen(config.http().port(), "0.0.0.0");
        }).onSuccess(server -> {
            http = server;
            LOG.info("gateway up: HTTP on port {}, {} SMPP bind(s) to {}:{}, USSD {} ({} profile)", server.actualPort(),
                    config.smpp().binds(), config.smpp().host(), config.smpp().port(), config.ussd().serviceCode(),
                    config.smpp().profile());
        }).onFailure(e -> stopQuietly());
    }

    /** This instance's metrics, for tests and the demo's status line. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Why binds that are down are down (empty strings for those up): what /ready and the logs say. */
    public java.util.List<String> bindProblems() {
        return binds == null ? java.util.List.of() : binds.all().stream().map(b -> b.lastProblem()).toList();
    }

    /** True once every SMPP bind is up. */
    public boolean smppBound() {
        return binds != null && binds.allBound();
    }

    /** The HTTP port actually bound (useful when configured as 0). */
    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = http == null ? Future.succeededFuture() : http.close();
        return closed.compose(v -> vertx.executeBlocking(() -> {
            stopQuietly();
            return null;
        }));
    }

    private void stopQuietly() {
        // the sender first: it finishes what is on the wire while the binds are still up
        if (sender != null) {
            sender.stop();
        }
        if (binds != null) {
            binds.stop();
        }
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
