package id.betang.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import id.betang.simulator.load.LoadGenerator;

/**
 * Steps a load generator's offered rate up, stage by stage, until a stage does not hold: its p99 step latency
 * inside the thing under test passes the limit, errors appear, or the generator could not offer the rate
 * (fewer than 95 % of the offered steps were taken: the people were waiting on screens). Then, from the last
 * stage that held, a few finer steps towards the one that did not, so the capacity is known to within the fine
 * factor rather than the coarse one. The same climb for the gateway and for the echo ESME, so their ceilings
 * compare.
 */
final class Ramp {

    /**
     * How the climb goes: the first rate, the factor from stage to stage, how long each stage lasts; once a stage
     * fails, up to {@code fineStages} more from the last that held, each {@code fineFactor} above the one before.
     */
    record Plan(double startRate, double factor, int stageSeconds, double limitMs, int maxStages, double fineFactor,
                int fineStages) {
    }

    /**
     * One stage: offered rate, what the load generator saw (round trip, errors), the latency inside.
     *
     * @param why what made it fail, or null when it held
     */
    record Stage(double offered, LoadGenerator.Report load, Histogram inside, String why) {
        boolean held() {
            return why == null;
        }

        double p99Ms() {
            return inside.getValueAtPercentile(99) / 1000.0;
        }
    }

    /** The highest stage that held, or null when even the first did not. */
    record Result(List<Stage> stages, Stage capacity) {
        double stepsPerSecond() {
            return capacity == null ? 0 : capacity.load().stepsPerSecond();
        }

        double p99Ms() {
            return capacity == null ? Double.NaN : capacity.p99Ms();
        }
    }

    private Ramp() {
    }

    static Result climb(String what, LoadGenerator.Run run, StepLatency inside, Plan plan, PrintStream out)
            throws IOException, InterruptedException {
        List<Stage> stages = new ArrayList<>();
        Stage capacity = null;
        double rate = plan.startRate();
        double failedAt = Double.NaN;
        for (int i = 0; i < plan.maxStages(); i++, rate *= plan.factor()) {
            Stage stage = stage(what, stages.size() + 1, rate, run, inside, plan, out);
            stages.add(stage);
            if (!stage.held()) {
                failedAt = rate;
                break;
            }
            capacity = stage;
        }
        // finer steps between the last rate that held and the first that did not
        if (capacity != null && !Double.isNaN(failedAt)) {
            double fine = capacity.offered() * plan.fineFactor();
            for (int i = 0; i < plan.fineStages() && fine < failedAt * 0.99; i++, fine *= plan.fineFactor()) {
                Stage stage = stage(what, stages.size() + 1, fine, run, inside, plan, out);
                stages.add(stage);
                if (!stage.held()) {
                    break;
                }
                capacity = stage;
            }
        }
        return new Result(stages, capacity);
    }

    private static Stage stage(String what, int number, double rate, LoadGenerator.Run run, StepLatency inside,
                               Plan plan, PrintStream out) throws IOException, InterruptedException {
        run.offer(rate);
        run.interval();
        inside.interval();
        Thread.sleep(plan.stageSeconds() * 1000L);
        LoadGenerator.Report load = run.interval();
        Histogram latency = inside.interval();
        Stage stage = new Stage(rate, load, latency, why(rate, load, latency, plan));
        out.printf("%s stage %2d: offered %6.0f steps/s, took %6.0f/s, inside p50 %.1f ms p99 %.1f ms max %.1f ms,"
                        + " round trip p99 %.1f ms, errors %d%s%n", what, number, rate, load.stepsPerSecond(),
                latency.getValueAtPercentile(50) / 1000.0, stage.p99Ms(), latency.getMaxValue() / 1000.0,
                load.latencyMicros().getValueAtPercentile(99) / 1000.0, load.errors(),
                stage.held() ? "" : " -> did not hold: " + stage.why());
        return stage;
    }

    private static String why(double rate, LoadGenerator.Report load, Histogram inside, Plan plan) {
        if (load.errors() > 0) {
            return load.errors() + " errors (first: " + load.firstError() + ")";
        }
        if (inside.getValueAtPercentile(99) / 1000.0 > plan.limitMs()) {
            return "p99 above " + plan.limitMs() + " ms";
        }
        if (load.stepsPerSecond() < 0.95 * rate) {
            return "the offered rate was not reached";
        }
        return null;
    }
}
