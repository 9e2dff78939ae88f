package id.betang.gateway.menu;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.console.ConsoleMapper;
import id.betang.gateway.store.Database;
import id.betang.menus.Engine;
import id.betang.menus.MenuError;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuRequirements;
import id.betang.menus.ScreenLimits;
import id.betang.menus.tool.MenuLint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * The menu versions this instance serves, switched without a restart. A version is published (linted first,
 * exactly as {@code betang-gateway.jar lint} does) or rolled back into MySQL's {@code menu_version}; every
 * instance polls the active one and switches to it, the publishing one at once. The engines of the last few
 * versions stay in memory, so a dialogue that began on one finishes on it; with no active row the bundled menu
 * serves. Publishing, rolling back and polling take turns, so a poll never undoes a switch it did not see; all
 * three are blocking (JDBC): callers run them on a worker thread.
 */
public final class LiveMenus implements MenuVersions {

    public static final String PUBLISH = "menu.publish";
    public static final String ROLLBACK = "menu.rollback";
    /** How soon the other instances follow a switch; a dialogue under way is not affected either way. */
    public static final Duration POLL = Duration.ofSeconds(3);
    /** Engines kept by checksum besides the bundled one: the active and the two before it. */
    private static final int KEPT = 3;
    private static final String SOURCE = "menu.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(LiveMenus.class);

    public enum Outcome { PUBLISHED, REFUSED, NOTHING_TO_ROLL_BACK }

    /** What came of a publish or rollback: the version now serving, and lint's findings (errors when refused). */
    public record Change(Outcome outcome, MenuVersion serving, List<String> findings) { }

    private final Vertx vertx;
    private final Database database;
    private final ScreenLimits limits;
    private final MenuLint lint;
    private final MeterRegistry metrics;
    private final MenuVersion bundled;
    private final Map<String, MenuVersion> kept = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MenuVersion> eldest) {
            return size() > KEPT;
        }
    };
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile MenuVersion current;
    private Gauge info;
    /** A stored version this instance refused (its code requires more than it has): not tried on every poll. */
    private volatile long refusedId = -1;
    private long timer = -1;
    /** Only the poll's completion handler (one event loop) reads and writes it. */
    private boolean unreadable;

    public LiveMenus(Vertx vertx, Database database, ScreenLimits limits, MenuRequirements required,
                     MeterRegistry metrics, String bundledYaml) {
        this.vertx = vertx;
        this.database = database;
        this.limits = limits;
        this.lint = new MenuLint(limits, required);
        this.metrics = metrics;
        this.bundled = MenuVersion.bundled(bundledYaml, new Engine(new MenuLoader(
                id.betang.menus.ActionCatalog.DEFAULT, limits, required).load(SOURCE, new java.io.StringReader(bundledYaml)),
                limits));
        switchTo(bundled);
    }

    @Override
    public MenuVersion current() {
        return current;
    }

    @Override
    public Optional<MenuVersion> version(String checksum) {
        if (bundled.checksum().equals(checksum)) {
            return Optional.of(bundled);
        }
        synchronized (kept) {
            return Optional.ofNullable(kept.get(checksum));
        }
    }

    /** Reads the active version now (blocking), then every {@link #POLL}. */
    public void start() {
        refresh();
        timer = vertx.setPeriodic(POLL.toMillis(), t -> {
            if (polling.compareAndSet(false, true)) {
                vertx.executeBlocking(() -> {
                    refresh();
                    return null;
                }, false).onComplete(done -> {
                    polling.set(false);
                    // once per outage, not every few seconds while MySQL is away: readiness says it is
                    if (done.failed() && !unreadable) {
                        LOG.warn("active menu version could not be read, still serving {}: {}", current.label(),
                                done.cause().toString());
                    } else if (done.succeeded() && unreadable) {
                        LOG.info("active menu version readable again");
                    }
                    unreadable = done.failed();
                });
            }
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Lints the YAML and, when it has no errors, makes it the active version of every instance. Blocking. */
    public synchronized Change publish(String yaml, String operator) {
        MenuLoader.Result result = lint.check(SOURCE, yaml);
        List<String> findings = result.errors().stream().map(MenuError::toString).toList();
        if (result.errors().stream().anyMatch(e -> !e.warning())) {
            return new Change(Outcome.REFUSED, current, findings);
        }
        String checksum = MenuVersion.checksum(yaml);
        MenuVersion.Stamp stamp;
        try (SqlSession session = database.sessions().openSession(false)) {
            MenuVersionMapper m = session.getMapper(MenuVersionMapper.class);
            m.deactivate();
            m.insertActive(new MenuVersion.Draft(checksum, yaml, operator));
            stamp = m.active();
            session.getMapper(ConsoleMapper.class).record(operator, PUBLISH, "v" + stamp.id() + " " + checksum, "done");
            session.commit();
        }
        MenuVersion published = MenuVersion.of(stamp, new Engine(result.tree(), limits));
        switchTo(published);
        return new Change(Outcome.PUBLISHED, published, findings);
    }

    /**
     * Makes the version published before the active one active again (the bundled menu when the active is the
     * first), after linting it again: this instance's code may require more than when it was published. Blocking.
     */
    public synchronized Change rollback(String operator) {
        try (SqlSession session = database.sessions().openSession(false)) {
            MenuVersionMapper m = session.getMapper(MenuVersionMapper.class);
            MenuVersion.Stamp active = m.active();
            if (active == null) {
                return new Change(Outcome.NOTHING_TO_ROLL_BACK, current, List.of());
            }
            Long before = m.before(active.id());
            MenuVersion target = bundled;
            List<String> findings = List.of();
            m.deactivate();
            if (before != null) {
                MenuLoader.Result result = lint.check(SOURCE, m.yaml(before));
                findings = result.errors().stream().map(MenuError::toString).toList();
                if (result.errors().stream().anyMatch(e -> !e.warning())) {
                    session.rollback();
                    return new Change(Outcome.REFUSED, current, findings);
                }
                m.activate(before);
                target = MenuVersion.of(m.active(), new Engine(result.tree(), limits));
            }
            session.getMapper(ConsoleMapper.class).record(operator, ROLLBACK,
                    "v" + active.id() + " to " + (before == null ? "bundled" : "v" + before), "done");
            session.commit();
            switchTo(target);
            return new Change(Outcome.PUBLISHED, target, findings);
        }
    }

    /** Follows the database: the active row's version, or the bundled one when there is none. Blocking. */
    synchronized void refresh() {
        MenuVersion.Stamp stamp;
        try (SqlSession session = database.sessions().openSession(true)) {
            MenuVersionMapper m = session.getMapper(MenuVersionMapper.class);
            stamp = m.active();
            if (stamp == null) {
                if (current.id() != MenuVersion.BUNDLED) {
                    switchTo(bundled);
                }
                return;
            }
            if (stamp.id() == current.id() || stamp.id() == refusedId) {
                return;
            }
            Optional<MenuVersion> known = version(stamp.checksum());
            if (known.isPresent()) {
                switchTo(MenuVersion.of(stamp, known.get().engine()));
                return;
            }
            MenuLoader.Result result = lint.check(SOURCE, m.yaml(stamp.id()));
            if (result.errors().stream().anyMatch(e -> !e.warning())) {
                refusedId = stamp.id();
                LOG.warn("menu v{} {} is active but this instance refuses it, still serving {}: {}", stamp.id(),
                        stamp.checksum(), current.label(), result.errors().stream().filter(e -> !e.warning())
                                .map(MenuError::toString).toList());
                return;
            }
            switchTo(MenuVersion.of(stamp, new Engine(result.tree(), limits)));
        }
    }

    private synchronized void switchTo(MenuVersion next) {
        MenuVersion previous = current;
        if (next.id() != MenuVersion.BUNDLED) {
            synchronized (kept) {
                kept.put(next.checksum(), next);
            }
        }
        current = next;
        if (info != null) {
            metrics.remove(info);
        }
        info = Gauge.builder("betang.menu.info", () -> 1)
                .description("The menu version serving new dialogues (always 1; see its labels)")
                .tags("checksum", next.checksum(), "version", next.name())
                .register(metrics);
        if (previous != null) {
            LOG.info("menu now {} (was {})", next.label(), previous.label());
        }
    }
}
