package id.betang.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.BuiltInActions;
import id.betang.gateway.audit.DisclosureAudit;
import id.betang.gateway.complaint.ComplaintActions;
import id.betang.gateway.complaint.ComplaintDrafts;
import id.betang.gateway.complaint.ComplaintRelay;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.complaint.QuietComplaints;
import id.betang.gateway.complaint.Tickets;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.http.ComplaintWebhook;
import id.betang.gateway.http.HttpEdge;
import id.betang.gateway.http.MenuRoutes;
import id.betang.gateway.http.NotificationsApi;
import id.betang.gateway.http.OpsRoutes;
import id.betang.gateway.http.UssdHttpRoutes;
import id.betang.gateway.identity.HouseholdConfirmation;
import id.betang.gateway.identity.NikGuard;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.identity.OneTimeCodes;
import id.betang.gateway.inbox.InboxWorker;
import id.betang.gateway.inbox.InboxWriter;
import id.betang.gateway.limits.RateLimits;
import id.betang.gateway.market.MarketSchedule;
import id.betang.gateway.menu.LiveMenus;
import id.betang.gateway.ops.Backlogs;
import id.betang.gateway.ops.EventLoops;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.LinkGauges;
import id.betang.gateway.ops.StepMisses;
import id.betang.gateway.console.OperatorDesk;
import id.betang.gateway.http.ConsoleRoutes;
import id.betang.gateway.ops.Readiness;
import id.betang.gateway.ops.WarmUp;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.outbox.OutboxSender;
import id.betang.gateway.outbox.Receipts;
import id.betang.gateway.outbox.Retention;
import id.betang.gateway.registry.LastAnswers;
import id.betang.gateway.registry.ReferenceData;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.resident.ResidentLookup;
import id.betang.gateway.session.ChosenLanguages;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.session.SessionStore;
import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.Duplicates;
import id.betang.gateway.smpp.MtSubmitter;
import id.betang.gateway.smpp.SmppChannel;
import id.betang.gateway.smpp.SmscBind;
import id.betang.gateway.smpp.SmscBinds;
import id.betang.gateway.smpp.UssdProfile;
import id.betang.gateway.sms.Reminders;
import id.betang.gateway.sms.SmsInbox;
import id.betang.gateway.sms.SmsTexts;
import id.betang.gateway.sms.Subscribers;
import id.betang.gateway.store.Database;
import id.betang.gateway.ussd.AgentPin;
import id.betang.gateway.ussd.Agents;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.ServiceCode;
import id.betang.menus.Engine;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
 *
 * <p>Parts are built in {@link #serve} in the order they depend on each other, each given what it needs
 * through its constructor: the outbound port first (everything that answers sends through it), then
 * the services, the dialogue, and last the adapters that feed them.
 */
public final class Gateway extends VerticleBase {

    /** The menu the gateway serves; validated at start, so an invalid menu never starts. */
    public static final String MENU = "/menus/kartu-huma-betang.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** District names, market schedules and agents change rarely; minutes of staleness are harmless. */
    private static final Duration REFERENCE_DATA_LIFETIME = Duration.ofMinutes(10);
    /** How often complaints waiting for the registry are looked at; a new one is sent at once anyway. */
    private static final Duration COMPLAINT_POLL = Duration.ofSeconds(1);
    /** How often personal data past its retention is purged; a few hours more of it are harmless. */
    private static final Duration RETENTION_PASS = Duration.ofHours(1);
    /** How often the backlog gauges are counted; alert rules look at minutes, the database barely notices. */
    /** Step-budget misses the console lists; the metric counts them all. */
    private static final int RECENT_STEP_MISSES = 50;
    /** How often quiet complaints are looked for; their SMS is one per quiet period, so hours of delay are fine. */
    private static final Duration QUIET_PASS = Duration.ofHours(1);
    private static final Duration BACKLOG_COUNT = Duration.ofSeconds(15);

    private final GatewayConfig config;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // what start() opened or started, in the order stop() undoes it backwards; null until then
    private RegistryClient registry;
    /** Relay, reminders and warm-up: apart from residents' lookups (own pool, circuit and queue). */
    private RegistryClient background;
    private Database database;
    private RedisConnection redis;
    private LiveMenus menus;
    private Running running;
    private HttpServer http;

    public Gateway(GatewayConfig config) {
        this.config = config;
    }

    /** The parts with threads or timers of their own, stopped in this order. */
    private record Running(ComplaintRelay relay, Reminders reminders, Retention retention, OutboxSender sender,
                           SmscBinds binds, InboxWriter inboxWriter, InboxWorker inbox, Backlogs backlogs,
                           QuietComplaints quiet) {

        void stop() {
            backlogs.stop();
            quiet.stop();
            relay.stop();
            retention.stop();
            reminders.stop();
            // the sender first: it finishes what is on the wire while the binds are still up
            sender.stop();
            binds.stop();
            // no deliver_sm comes any more: commit what waits, finish or hand back what is in hand
            inboxWriter.stop();
            inbox.stop();
        }
    }

    @Override
    public Future<?> start() {
        ScreenLimits limits = new ScreenLimits(config.ussd().screenLimitGsm(), config.ussd().screenLimitUcs2());
        registry = new RegistryClient(vertx, config.registry());
        background = RegistryClient.background(vertx, config.registry());
        // reading and validating the menu is file I/O and, on a cold JVM, long enough to trip the blocked-thread
        // checker: on a worker, with the stores and the JVM metrics
        return vertx.executeBlocking(() -> {
            // the JVM's management beans, looked up once, are slow to load too
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            // the bundled menu must be valid even when a published one serves: it is what a rollback returns to
            MenuContract.load(MENU, limits);
            database = Database.open(config.mysql());
            redis = RedisConnection.open(config.redis());
            // the menu published live, if any, else the bundled one: new dialogues get it, polled from MySQL
            menus = new LiveMenus(vertx, database, limits, MenuContract.REQUIRES, metrics, MenuContract.text(MENU));
            menus.start();
            return null;
        }).compose(opened -> EventLoops.deploy(vertx).compose(loops -> serve(limits, loops))).onSuccess(server -> {
            http = server;
            LOG.info("gateway up: HTTP on port {}, {} SMPP bind(s) to {}:{}, USSD {} ({} profile), dialogues on {} event loops",
                    server.actualPort(), config.smpp().binds(), config.smpp().host(), config.smpp().port(),
                    config.ussd().serviceCode(), config.smpp().profile(), Runtime.getRuntime().availableProcessors());
        }).onFailure(e -> stopQuietly());
    }

    private Future<HttpServer> serve(ScreenLimits limits, EventLoops loops) {
        RedisClusterAsyncCommands<String, String> async = redis.commands();
        String prefix = config.redis().keyPrefix();
        Clock clock = Clock.systemUTC();
        // the menu serving now, published live or bundled: screens, SMS texts and SMS lookups all follow it
        java.util.function.Supplier<MenuTree> serving = () -> menus.current().engine().tree();
        RateLimits rateLimits = new RateLimits(async, prefix, config.limits(), metrics);
        Inbound inbound = new Inbound(metrics, rateLimits::msisdn);
        ReferenceData reference = new ReferenceData(registry, REFERENCE_DATA_LIFETIME);

        // the outbound port, and the outbox that sends through it
        SmscBinds binds = new SmscBinds(config.smpp());
        UssdProfile profile = UssdProfile.from(config.smpp(), config.ussd());
        MtSubmitter outbound = new MtSubmitter(binds, config.smpp(), profile, config.ussd().shortCode());
        OutboxSender sender = new OutboxSender(database, outbound, config.smpp(), config.outbox(), metrics);
        Outbox outbox = new Outbox(database, sender::nudge);

        // complaints: taken from MySQL alone, relayed to the registry
        ComplaintRelay relay = new ComplaintRelay(vertx, database, background, COMPLAINT_POLL, metrics);
        ComplaintStore complaints = new ComplaintStore(database, outbox, config.complaints().perDay(), relay::nudge);
        Tickets tickets = new Tickets(vertx, complaints, registry, clock);
        ComplaintActions complaintActions = new ComplaintActions(vertx, complaints, tickets, serving);
        ComplaintDrafts drafts = new ComplaintDrafts(async, prefix);

        // residents, under the identity rules and the access audit
        NikHash nikHash = new NikHash(config.identity().nikHashKey());
        NikGuard guard = new NikGuard(async, prefix, config.identity(), clock);
        DisclosureAudit audit = new DisclosureAudit(vertx, database);
        ResidentLookup residents = new ResidentLookup(vertx, registry, guard, nikHash,
                new LastAnswers(async, prefix, config.registry().lastAnswerFor(), clock), audit, clock);
        MarketSchedule markets = new MarketSchedule(vertx, reference, clock);
        // the language a phone chose, where every instance's dial reads it in one Redis round trip; MySQL stays its source
        ChosenLanguages languages = new ChosenLanguages(vertx, async, prefix, new Subscribers(database)::lang);
        Subscribers subscribers = new Subscribers(database, languages::chose);
        SmsTexts texts = new SmsTexts(serving);
        // the code SMS in the household phone's own language, else the household's
        HouseholdConfirmation confirmation = new HouseholdConfirmation(vertx, registry, guard, nikHash,
                new OneTimeCodes(async, prefix, nikHash, new SecureRandom()), audit, outbox,
                (phone, language, values) -> texts.code(subscribers.lang(phone).or(() -> language).orElse(serving.get().defaultLanguage()),
                        values));

        StepMisses stepMisses = new StepMisses(metrics, RECENT_STEP_MISSES, clock);
        Agents agents = msisdn -> reference.agent(msisdn).map(agent -> agent.map(Registry.Agent::agentId));
        AgentPin agentPin = new AgentPin(vertx, registry, agents, async, prefix);
        Actions actions = BuiltInActions.basic().with(Map.ofEntries(
                Map.entry("registry.status", residents::status),
                Map.entry("registry.schedule", residents::schedule),
                Map.entry(HouseholdConfirmation.CARD, confirmation::card),
                Map.entry(HouseholdConfirmation.SEND_CODE, confirmation::sendCode),
                Map.entry(HouseholdConfirmation.CHECK_CODE, confirmation::checkCode),
                Map.entry("registry.markets", markets::markets),
                Map.entry("complaint.file", complaintActions::file),
                Map.entry("complaint.status", complaintActions::status),
                Map.entry("complaint.draft", drafts::resume),
                Map.entry("complaint.discard", drafts::discard),
                Map.entry("agent.pin", agentPin::confirm)));
        Dialogue dialogue = new Dialogue(vertx, loops, menus, new SessionStore(async, prefix, config.ussd().sessionTtl()),
                actions, agents, languages::of,
                (msisdn, text) -> vertx.executeBlocking(() -> outbox.enqueue(msisdn, text, "ussd-answer"), false)
                        .mapEmpty(),
                drafts, config.ussd().stepBudget(), stepMisses);

        Reminders reminders = new Reminders(vertx, database, outbox, subscribers, background, guard, nikHash,
                config.identity().nikHashKey(), clock,
                config.reminders().fromHour(), config.reminders().untilHour(), texts::reminder);
        SmsInbox smsInbox = new SmsInbox(vertx, outbox, inbound, () -> menus.current().engine(), texts, complaints, tickets, drafts,
                subscribers, residents, confirmation, reminders);

        // MO SMS: stored durably before the SMSC is answered, then processed from the inbox by any instance
        InboxWorker inbox = new InboxWorker(vertx, database, smsInbox::onSms,
                InboxWorker.Settings.of(config.smpp().reassemblyTimeout()));
        InboxWriter inboxWriter = new InboxWriter(database, metrics, inbox::nudge, config.smpp().duplicateWindow());

        // the adapters: SMPP in (USSD, SMS, receipts), HTTP in
        ServiceCode serviceCode = new ServiceCode(config.ussd().serviceCode());
        DeliverSmRouter deliveries = new DeliverSmRouter(loops,
                new SmppChannel(vertx, dialogue, inbound, profile, serviceCode, outbound),
                new Duplicates(async, prefix, config.smpp().duplicateWindow()),
                inboxWriter, new Receipts(vertx, outbox), config.smpp().receiptIdFormat());

        Retention retention = new Retention(vertx, database, config.outbox().retention());
        // a complaint with no news for BETANG_COMPLAINT_QUIET_DAYS: one SMS per period, in the phone's language
        QuietComplaints quiet = new QuietComplaints(vertx, database, outbox,
                Duration.ofDays(config.complaints().quietDays()), clock, config.reminders().fromHour(),
                config.reminders().untilHour(),
                (msisdn, c) -> texts.quiet(subscribers.lang(msisdn).orElse(serving.get().defaultLanguage()), c), metrics);
        // what alert rules watch beside what the parts count themselves (docker/monitoring/alerts.yml)
        LinkGauges.register(metrics, binds.all(), registry::acceptsCalls);
        Backlogs backlogs = new Backlogs(vertx, database, metrics);
        running = new Running(relay, reminders, retention, sender, binds, inboxWriter, inbox, backlogs, quiet);
        inbox.start();
        inboxWriter.start();
        binds.start(deliveries);
        sender.start();
        relay.start();
        reminders.start(config.reminders().every());
        retention.start(RETENTION_PASS);
        backlogs.start(BACKLOG_COUNT);
        if (config.complaints().quietDays() > 0) {
            quiet.start(QUIET_PASS);
        }

        Readiness readiness = new Readiness(binds, redis::ping, () -> vertx.executeBlocking(database::ping, false),
                () -> new Readiness.Menu(menus.current().name(), menus.current().checksum()));
        Router router = Router.router(vertx);
        // /ready answers 503 until a few dialogues and every store have been through once
        WarmUp warmUp = new WarmUp(vertx, dialogue, languages, database, redis, background);
        OpsRoutes.mount(router, readiness, warmUp, metrics, config.security().apiToken(),
                config.security().metricsToken());
        warmUp.start();
        UssdHttpRoutes.mount(router, dialogue, inbound, serviceCode, config.security(), rateLimits, async, prefix,
                config.ussd().sessionTtl(), nikHash);
        ComplaintWebhook.mount(router, vertx, complaints, config.security().webhookSecret(), clock,
                smsInbox::ticketUpdate);
        NotificationsApi.mount(router, vertx, outbox, database, config.security().apiToken());
        ConsoleRoutes.mount(router, vertx, new OperatorDesk(database, binds::all, stepMisses,
                () -> menus.current().label()), config.security().apiToken(), clock);
        MenuRoutes.mount(router, vertx, menus, config.security().apiToken());
        return HttpEdge.server(vertx, config.http()).requestHandler(router).listen(config.http().port(), "0.0.0.0");
    }

    /** This instance's metrics, for tests and the demo's status line. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Why binds that are down are down (empty strings for those up): what /ready and the logs say. */
    public List<String> bindProblems() {
        return running == null ? List.of() : running.binds().all().stream().map(SmscBind::lastProblem).toList();
    }

    /** True once every SMPP bind is up. */
    public boolean smppBound() {
        return running != null && running.binds().allBound();
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
        if (menus != null) {
            menus.stop();
        }
        if (running != null) {
            running.stop();
        }
        if (registry != null) {
            registry.close();
        }
        if (background != null) {
            background.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
