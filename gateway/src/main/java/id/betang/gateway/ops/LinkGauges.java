package id.betang.gateway.ops;

import java.util.function.BooleanSupplier;

import id.betang.gateway.smpp.SmscBind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The state of the links as numbers an alert rule can watch: each SMPP bind up or not and how often it was made
 * (a flapping bind shows as binds per hour), and whether the registry's circuit is open. Read when scraped;
 * nothing is counted twice beside what the parts already know.
 */
public final class LinkGauges {

    private LinkGauges() {
    }

    public static void register(MeterRegistry metrics, Iterable<SmscBind> binds, BooleanSupplier registryAcceptsCalls) {
        for (SmscBind bind : binds) {
            Gauge.builder("betang_smpp_bind_up", bind, b -> b.state() == SmscBind.State.BOUND ? 1 : 0)
                    .description("1 while this SMPP bind is bound to the SMSC").tag("bind", bind.name())
                    .register(metrics);
            FunctionCounter.builder("betang_smpp_binds", bind, SmscBind::timesBound)
                    .description("Binds made since start; more than one means the link was lost and made again")
                    .tag("bind", bind.name()).register(metrics);
        }
        Gauge.builder("betang_registry_circuit_open", registryAcceptsCalls, accepts -> accepts.getAsBoolean() ? 0 : 1)
                .description("1 while calls to the registry fail at once because its circuit breaker is open")
                // a gauge holds its object weakly: nothing else holds this lambda, so without this it reads NaN
                .strongReference(true).register(metrics);
    }
}
