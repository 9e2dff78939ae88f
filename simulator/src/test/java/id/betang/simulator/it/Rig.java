package id.betang.simulator.it;

import java.time.Duration;
import java.util.Map;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * What most end-to-end tests stand on: the simulator SMSC, the registry stub with its sample residents (request
 * journal on), a database and Redis prefix of their own, and an in-process gateway bound to them all.
 * Closing stops them in reverse order and drops the database.
 */
final class Rig implements AutoCloseable {

    final SmscSimulator smsc;
    final RegistryStub registry;
    final String mysqlUrl;
    final InProcessGateway gateway;

    private Rig(SmscSimulator smsc, RegistryStub registry, String mysqlUrl, InProcessGateway gateway) {
        this.smsc = smsc;
        this.registry = registry;
        this.mysqlUrl = mysqlUrl;
        this.gateway = gateway;
    }

    static Rig start(String name) throws Exception {
        return start(name, SmscSimulator.Options.defaults(GatewayProcess.freePort()), Map.of());
    }

    /** @param settings BETANG_* settings on top of the test defaults */
    static Rig start(String name, SmscSimulator.Options smscOptions, Map<String, String> settings) throws Exception {
        SmscSimulator smsc = new SmscSimulator(smscOptions).start();
        RegistryStub registry = null;
        String mysqlUrl = null;
        try {
            registry = new RegistryStub(GatewayProcess.freePort(), true).start();
            mysqlUrl = TestStorage.freshDatabase(name);
            Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix(name));
            env.put("BETANG_REGISTRY_URL", registry.baseUrl());
            env.putAll(settings);
            return new Rig(smsc, registry, mysqlUrl, InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30)));
        } catch (Exception | AssertionError e) {
            smsc.close();
            if (registry != null) {
                registry.close();
            }
            if (mysqlUrl != null) {
                TestStorage.dropDatabase(mysqlUrl);
            }
            throw e;
        }
    }

    /** The gateway's own HTTP address, e.g. {@code url("/hooks/complaints")}. */
    String url(String path) {
        return "http://127.0.0.1:" + gateway.gateway().httpPort() + path;
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            registry.close();
            smsc.close();
            TestStorage.dropDatabase(mysqlUrl);
        }
    }
}
