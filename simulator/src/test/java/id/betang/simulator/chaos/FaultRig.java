package id.betang.simulator.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.MtRecord;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * A fresh world for one fault: its own database on the suite's MariaDB, its own Redis key prefix, a new
 * simulator SMSC and registry stub, and the real gateway jar (one or more instances sharing all of them).
 */
final class FaultRig implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(180);

    final String name;
    final SmscSimulator smsc;
    final RegistryStub registry;
    final String mysqlUrl;
    final Arrivals arrivals;
    /** The instances up now, in start order. */
    final List<GatewayProcess> gateways = new CopyOnWriteArrayList<>();
    private final Map<String, String> env;

    FaultRig(String name, int instances, OwnMariaDb mariadb, OwnRedis redis) throws Exception {
        this(name, instances, mariadb.freshDatabase("chaos_" + name.replace('-', '_')), redis.url(), "chaos:" + name + ":",
                Map.of());
    }

    /**
     * @param mysqlUrl an empty database (the instances migrate it)
     * @param more     settings every instance gets on top of the rig's
     */
    FaultRig(String name, int instances, String mysqlUrl, String redisUrl, String redisPrefix, Map<String, String> more)
            throws Exception {
        this.name = name;
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        smsc.misbehaviours().noDlr(true);
        registry = new RegistryStub(GatewayProcess.freePort(), true).start();
        this.mysqlUrl = mysqlUrl;
        arrivals = new Arrivals(smsc, registry, mysqlUrl);
        env = GatewayProcess.env(smsc.port(), mysqlUrl, redisUrl, redisPrefix);
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_COMPLAINTS_PER_DAY", "1000");
        env.putAll(more);
        for (int i = 1; i <= instances; i++) {
            Map<String, String> own = new HashMap<>(env);
            own.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
            // its binds' system_type: the SMSC's records then say which instance answered
            own.put("BETANG_SMPP_SYSTEM_TYPE", instance(i));
            gateways.add(GatewayProcess.start("chaos-" + name + "-" + i, own));
        }
        for (GatewayProcess g : gateways) {
            g.awaitReady(READY_WITHIN);
        }
    }

    /** Instance i's name (1-based, start order): its binds' system_type, as {@link MtRecord#boundAs()} shows it. */
    static String instance(int i) {
        return "gw" + i;
    }

    List<Integer> apiPorts() {
        return gateways.stream().map(GatewayProcess::httpPort).toList();
    }

    /** {@code kill -9} of the first instance; it stays down. */
    GatewayProcess killFirst() throws InterruptedException {
        GatewayProcess victim = gateways.get(0);
        victim.kill();
        gateways.remove(victim);
        return victim;
    }

    /** {@code kill -9} of the first instance and a restart with the same configuration; returns once ready. */
    void killAndRestartFirst() throws InterruptedException, IOException {
        GatewayProcess victim = gateways.get(0);
        victim.kill();
        GatewayProcess again = victim.restart("restarted");
        gateways.set(0, again);
        again.awaitReady(READY_WITHIN);
    }

    @Override
    public void close() throws InterruptedException {
        for (GatewayProcess g : gateways) {
            g.close();
        }
        smsc.close();
        registry.close();
    }
}
