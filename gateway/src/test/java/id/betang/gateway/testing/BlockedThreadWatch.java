package id.betang.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import id.betang.gateway.ops.EventLoops;
import id.betang.gateway.ops.WarmUp;

/**
 * Fails a test class during which a Vert.x event loop was blocked: it listens to Vert.x's blocked-thread checker
 * ("Thread[vert.x-eventloop-thread-1] has been blocked for 612 ms, time limit is 200 ms", with the blocked
 * thread's stack) for in-process gateways and every other Vertx of the tests, and fails the class after its last
 * test, naming the thread and where it was. A gateway in its own process is checked by its log's scan instead.
 * Warnings while an in-process gateway starts and warms up ({@link #gatewayStarting} until its warm-up line) are
 * not counted: start-up builds every part on cold code, before the gateway serves anyone. Nor is a loop that was
 * computing, not waiting, when the checker looked, unless for very long ({@link BlockedStacks}): on a busy machine
 * that is a loop waiting for a core.
 * Registered for every test class through JUnit's extension auto-detection (junit-platform.properties and
 * META-INF/services of this module's test jar, which the simulator's tests read too).
 */
public final class BlockedThreadWatch implements BeforeAllCallback, AfterAllCallback {

    /** The logger Vert.x's checker warns through. */
    static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
    private static final int FRAMES = 12;
    private static final Queue<String> WARNINGS = new ConcurrentLinkedQueue<>();
    /** In-process gateways started and not yet warmed up. */
    private static final AtomicInteger WARMING = new AtomicInteger();
    private static final AppenderBase<ILoggingEvent> APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLoggerName().equals(CHECKER)) {
                if (WARMING.get() == 0 && BlockedStacks.counts(event.getFormattedMessage(), frames(event))) {
                    WARNINGS.add(describe(event));
                }
            } else if (event.getFormattedMessage().startsWith(EventLoops.WARM)) {
                WARMING.updateAndGet(n -> Math.max(0, n - 1));
            }
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        WARMING.set(0);
        listen();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> warnings = drain();
        if (!warnings.isEmpty()) {
            throw new AssertionError(warnings.size() + " blocked-thread warning(s) while " + context.getDisplayName()
                    + " ran; the first:\n" + warnings.get(0));
        }
    }

    /**
     * Attaches the listener (again, if a test reconfigured logback). Idempotent.
     */
    public static synchronized void listen() {
        Logger checker = (Logger) LoggerFactory.getLogger(CHECKER);
        if (!APPENDER.isStarted()) {
            APPENDER.setContext(checker.getLoggerContext());
            APPENDER.setName("blocked-thread-watch");
            APPENDER.start();
        }
        for (Logger logger : List.of(checker, (Logger) LoggerFactory.getLogger(WarmUp.class))) {
            if (!logger.isAttached(APPENDER)) {
                logger.addAppender(APPENDER);
            }
        }
    }

    /** An in-process gateway is about to start: its loops may block on cold code until it has warmed up. */
    public static void gatewayStarting() {
        listen();
        WARMING.incrementAndGet();
    }

    /** The warnings seen so far, taken: for a test that blocks a loop on purpose, so its class does not fail. */
    public static List<String> drain() {
        List<String> taken = new ArrayList<>();
        for (String w = WARNINGS.poll(); w != null; w = WARNINGS.poll()) {
            taken.add(w);
        }
        return taken;
    }

    /** How many warnings wait, not taking them. */
    public static int pending() {
        return WARNINGS.size();
    }

    private static List<String> frames(ILoggingEvent event) {
        IThrowableProxy stack = event.getThrowableProxy();
        if (stack == null) {
            return List.of();
        }
        return java.util.Arrays.stream(stack.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getSTEAsString)
                .toList();
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        IThrowableProxy stack = event.getThrowableProxy();
        if (stack != null) {
            StackTraceElementProxy[] frames = stack.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                text.append("\n    ").append(frames[i].getSTEAsString());
            }
        }
        return text.toString();
    }
}
