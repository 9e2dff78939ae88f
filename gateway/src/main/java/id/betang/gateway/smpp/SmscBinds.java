package id.betang.gateway.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.BindType;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.Readiness;

/**
 * The binds this instance keeps to its SMSC: N transceivers, or N transmitter + receiver pairs, and a
 * fair choice among those that are up and may transmit.
 */
public final class SmscBinds implements Readiness.Links {

    private final List<SmscBind> binds = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    public SmscBinds(GatewayConfig.Smpp config) {
        for (int i = 1; i <= config.binds(); i++) {
            String name = config.systemId() + "#" + i;
            if (config.pairedBinds()) {
                binds.add(new SmscBind(name + "-tx", config, BindType.BIND_TX));
                binds.add(new SmscBind(name + "-rx", config, BindType.BIND_RX));
            } else {
                binds.add(new SmscBind(name, config, BindType.BIND_TRX));
            }
        }
    }

    /**
     * Brings the binds up, every deliver_sm going to {@code receiver}. The receiver is given here, not at
     * construction, because inbound and outbound share these binds: the USSD channel answers through them.
     */
    public void start(SmscBind.Receiver receiver) {
        binds.forEach(b -> b.start(receiver));
    }

    public List<SmscBind> all() {
        return List.copyOf(binds);
    }

    /** Each bind by name: {@code bound}, or its state and why (what /ready shows). */
    @Override
    public java.util.Map<String, String> states() {
        java.util.Map<String, String> states = new java.util.LinkedHashMap<>();
        binds.forEach(b -> states.put(b.name(), b.state() == SmscBind.State.BOUND ? Readiness.BOUND
                : b.state().name().toLowerCase(java.util.Locale.ROOT)
                + (b.lastProblem().isEmpty() ? "" : " (" + b.lastProblem() + ")")));
        return states;
    }

    public boolean allBound() {
        return binds.stream().allMatch(b -> b.state() == SmscBind.State.BOUND);
    }

    public boolean canTransmit() {
        return binds.stream().anyMatch(b -> b.canTransmit() && b.state() == SmscBind.State.BOUND);
    }

    /** Prefer {@code preferred} (the bind a dialogue came in on) if it can transmit, else the next bound one. */
    public Optional<SmscBind> pick(SmscBind preferred) {
        if (preferred != null && preferred.canTransmit() && preferred.state() == SmscBind.State.BOUND) {
            return Optional.of(preferred);
        }
        for (int i = 0; i < binds.size(); i++) {
            SmscBind bind = binds.get(Math.floorMod(turn.getAndIncrement(), binds.size()));
            if (bind.canTransmit() && bind.state() == SmscBind.State.BOUND) {
                return Optional.of(bind);
            }
        }
        return Optional.empty();
    }

    /** Transmitting binds, for senders that spread work across all of them. */
    public int transmitters() {
        return (int) binds.stream().filter(SmscBind::canTransmit).count();
    }

    public void stop() {
        binds.parallelStream().forEach(SmscBind::stop);
    }
}
