package id.betang.gateway.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import id.betang.gateway.config.GatewayConfig;

/** The N binds this instance keeps to its SMSC, and a fair choice among those that are up. */
public final class SmscBinds {

    private final List<SmscBind> binds = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    public SmscBinds(GatewayConfig.Smpp config, SmscBind.Receiver receiver) {
        for (int i = 1; i <= config.binds(); i++) {
            binds.add(new SmscBind(config.systemId() + "#" + i, config, receiver));
        }
    }

    public void start() {
        binds.forEach(SmscBind::start);
    }

    public List<SmscBind> all() {
        return List.copyOf(binds);
    }

    public boolean allBound() {
        return binds.stream().allMatch(b -> b.state() == SmscBind.State.BOUND);
    }

    /** Prefer {@code preferred} (the bind a dialogue came in on), else the next bound one. */
    public Optional<SmscBind> pick(SmscBind preferred) {
        if (preferred != null && preferred.state() == SmscBind.State.BOUND) {
            return Optional.of(preferred);
        }
        for (int i = 0; i < binds.size(); i++) {
            SmscBind bind = binds.get(Math.floorMod(turn.getAndIncrement(), binds.size()));
            if (bind.state() == SmscBind.State.BOUND) {
                return Optional.of(bind);
            }
        }
        return Optional.empty();
    }

    public void stop() {
        binds.parallelStream().forEach(SmscBind::stop);
    }
}
