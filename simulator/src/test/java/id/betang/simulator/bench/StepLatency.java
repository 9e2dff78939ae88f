package id.betang.simulator.bench;

import java.io.IOException;

import org.HdrHistogram.Histogram;

/**
 * Step latency inside the thing under test, interval by interval, in microseconds: what the gateway logs per
 * step ({@link GatewayStepLog}), or what the echo ESME records the same way.
 */
interface StepLatency {

    /** Latency of the steps since the previous call (the first call only marks the start). */
    Histogram interval() throws IOException;
}
