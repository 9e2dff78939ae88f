package id.betang.simulator.load;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import id.betang.simulator.scenario.Scenario;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * USSD load against a running gateway: the generator is the SMSC the gateway binds to, and N simulated people
 * walk a scripted dialogue (a scenario's dial/send steps, their expectations checked) over and over, together
 * offering R steps per second, for S seconds. Bounded in sessions and time; loopback only. Reports steps per
 * second, latency percentiles (deliver_sm out → screen back, HdrHistogram) and errors.
 */
public final class LoadGenerator {

    /** What a run measured. */
    public record Report(long steps, long errors, double seconds, Histogram latencyMicros) {
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    private final SmscSimulator smsc;
    private final Scenario script;

    public LoadGenerator(SmscSimulator smsc, Scenario script) {
        this.smsc = smsc;
        this.script = script;
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
        Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong steps = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long every = (long) (sessions / rate * 1e9);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        List<Thread> people = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            SimulatedPhone phone = smsc.phone("62812%08d".formatted(90_000_000 + i));
            Pacer pacer = new Pacer(every, started + (long) (Math.random() * every));
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        walk(phone, pacer, end, latency, steps);
                    } catch (IOException | IllegalStateException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-" + i);
            t.setDaemon(true);
            people.add(t);
            t.start();
        }
        for (Thread t : people) {
            t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + SimulatedPhone.DEFAULT_WAIT.toMillis()));
        }
        return new Report(steps.get(), errors.get(), (System.nanoTime() - started) / 1e9, latency);
    }

    private void walk(SimulatedPhone phone, Pacer pacer, long end, Histogram latency, AtomicLong steps)
            throws IOException, InterruptedException {
        for (id.betang.simulator.scenario.Step step : script.steps()) {
            if (System.nanoTime() >= end) {
                return;
            }
            if (!(step instanceof id.betang.simulator.scenario.Step.Dial) && !(step instanceof id.betang.simulator.scenario.Step.Send)) {
                continue; // SMS, waits and switches are not part of a load script
            }
            pacer.awaitTurn();
            long t0 = System.nanoTime();
            SimulatedPhone.Screen screen = step instanceof id.betang.simulator.scenario.Step.Dial d
                    ? phone.dial(d.code()) : phone.send(((id.betang.simulator.scenario.Step.Send) step).input());
            latency.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
            steps.incrementAndGet();
            String expect = step.expect().screen();
            if (expect != null && !screen.text().contains(expect)) {
                throw new IllegalStateException("unexpected screen: " + screen.text());
            }
            if (screen.end()) {
                return;
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
