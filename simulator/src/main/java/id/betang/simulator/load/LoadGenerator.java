package id.betang.simulator.load;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import id.betang.simulator.scenario.Scenario;
import id.betang.simulator.scenario.Step;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * USSD load against a running gateway (or any ESME bound to the simulator): the generator is the SMSC the
 * ESME binds to, and N simulated people walk a scripted dialogue (a scenario's dial/send steps, their
 * expectations checked) over and over, together offering R steps per second. Either a bounded run of S seconds
 * ({@link #run}) or an open one whose offered rate changes while it goes and that is read interval by interval
 * ({@link #start}, for stepping the load up). Loopback only. Reports steps per second, latency percentiles
 * (deliver_sm out → screen back, HdrHistogram) and errors.
 */
public final class LoadGenerator {

    private static final long LONGEST_MICROS = 60_000_000L;

    /** What a run, or one interval of it, measured; {@code firstError} says what went wrong first, null if nothing. */
    public record Report(long steps, long errors, double seconds, Histogram latencyMicros, String firstError) {
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    /** Session i of a run: the phone it holds and the script it walks (e.g. with a NIK of its own). */
    public record Person(String msisdn, Scenario script) {
    }

    /** Sees every screen a session got: step 0 is a dial, so a new dialogue. Called on the session's thread. */
    public interface ScreenWatch {
        ScreenWatch NONE = (session, step, screen) -> { };

        void answered(int session, int step, SimulatedPhone.Screen screen);
    }

    private final SmscSimulator smsc;
    private final IntFunction<Person> people;
    private final ScreenWatch watch;

    /** Every session walks the same script, each from a phone of its own. */
    public LoadGenerator(SmscSimulator smsc, Scenario script) {
        this(smsc, i -> new Person("62812%08d".formatted(90_000_000 + i), script));
    }

    public LoadGenerator(SmscSimulator smsc, IntFunction<Person> people) {
        this(smsc, people, ScreenWatch.NONE);
    }

    public LoadGenerator(SmscSimulator smsc, IntFunction<Person> people, ScreenWatch watch) {
        this.smsc = smsc;
        this.people = people;
        this.watch = watch;
    }

    /** Waits until a gateway has bound, so a run never starts into the void. */
    public void awaitGateway(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (smsc.boundSessions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no gateway bound to 127.0.0.1:" + smsc.port() + " within " + within.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    public Report run(int sessions, double rate, Duration duration) throws InterruptedException {
        try (Run run = start(sessions, rate)) {
            Thread.sleep(duration.toMillis());
            run.stop();
            return run.interval();
        }
    }

    /** Starts N sessions offering {@code rate} steps/s until {@link Run#stop}; the first interval starts now. */
    public Run start(int sessions, double rate) {
        return new Run(sessions, rate, false);
    }

    /**
     * The same, but each session's first step comes at a random moment within a whole walk of its script rather
     * than within one turn: sessions then stand at different steps of their walks (some dialling, some typing a
     * NIK) as real callers do, instead of all dialling together, then all typing together. A bench whose
     * intervals are shorter than a walk needs this to see every step in each interval. The offered rate builds up
     * over the first walk.
     */
    public Run startStaggered(int sessions, double rate) {
        return new Run(sessions, rate, true);
    }

    /** A run in progress: its offered rate can change, its figures are read interval by interval. */
    public final class Run implements AutoCloseable {

        private final int sessions;
        private final Recorder latency = new Recorder(LONGEST_MICROS, 3);
        private final AtomicLong steps = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile long everyNanos;
        private volatile boolean stopped;
        private long intervalStart = System.nanoTime();
        private long stepsBefore;
        private long errorsBefore;

        private Run(int sessions, double rate, boolean staggered) {
            this.sessions = sessions;
            offer(rate);
            long started = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                int session = i;
                Person person = people.apply(i);
                SimulatedPhone phone = smsc.phone(person.msisdn());
                long spread = everyNanos * (staggered ? Math.max(1, turns(person.script())) : 1);
                Pacer pacer = new Pacer(() -> everyNanos, started + (long) (Math.random() * spread));
                Thread t = new Thread(() -> {
                    while (!stopped) {
                        try {
                            walk(session, phone, person.script(), pacer);
                        } catch (IOException | IllegalStateException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "load-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        /** From the next turn on, the sessions together offer this many steps per second. */
        public void offer(double rate) {
            everyNanos = (long) (sessions / rate * 1e9);
        }

        /** Steps, errors and latency since the previous call (or the start). */
        public synchronized Report interval() {
            long now = System.nanoTime();
            long s = steps.get();
            long e = errors.get();
            Report r = new Report(s - stepsBefore, e - errorsBefore, (now - intervalStart) / 1e9,
                    latency.getIntervalHistogram(), firstError.getAndSet(null));
            intervalStart = now;
            stepsBefore = s;
            errorsBefore = e;
            return r;
        }

        /** No session takes another step; returns once each has finished the one it was waiting for. */
        public void stop() throws InterruptedException {
            stopped = true;
            for (Thread t : threads) {
                t.join(SimulatedPhone.DEFAULT_WAIT.toMillis() + 1000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }

        /** The steps of a walk that take a turn: dials and sends. */
        private static long turns(Scenario script) {
            return script.steps().stream().filter(st -> st instanceof Step.Dial || st instanceof Step.Send).count();
        }

        private void walk(int session, SimulatedPhone phone, Scenario script, Pacer pacer)
                throws IOException, InterruptedException {
            int taken = 0;
            for (Step step : script.steps()) {
                if (stopped) {
                    return;
                }
                if (!(step instanceof Step.Dial) && !(step instanceof Step.Send)) {
                    continue; // SMS, waits and switches are not part of a load script
                }
                pacer.awaitTurn();
                if (stopped) {
                    return;
                }
                long t0 = System.nanoTime();
                SimulatedPhone.Screen screen = step instanceof Step.Dial d
                        ? phone.dial(d.code()) : phone.send(((Step.Send) step).input());
                latency.recordValue(Math.min((System.nanoTime() - t0) / 1000, LONGEST_MICROS));
                steps.incrementAndGet();
                watch.answered(session, taken++, screen);
                String expect = step.expect().screen();
                if (expect != null && !screen.text().contains(expect)) {
                    throw new IllegalStateException("unexpected screen: " + screen.text());
                }
                if (screen.end()) {
                    return;
                }
            }
        }
    }

    public static void print(Report r, int sessions, double rate, PrintStream out) {
        Histogram h = r.latencyMicros();
        out.printf("%d sessions offering %.0f steps/s for %.0f s: %d steps, %d errors%n", sessions, rate, r.seconds(),
                r.steps(), r.errors());
        out.printf("latency per step (deliver_sm out to screen back): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        out.printf("steps_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d%n", r.stepsPerSecond(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, r.errors());
    }
}
