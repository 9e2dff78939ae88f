package id.betang.gateway.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.GsmCodec;
import id.betang.gateway.smpp.SmscBind;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * The intake on the wire: the gateway's real bind takes deliver_sm from an SMSC (jSMPP's server side, in the
 * test) and answers each only once its inbox row is committed; with MySQL unreachable it answers
 * ESME_RX_T_APPN, and the SMSC's retry is stored once MySQL is back.
 */
class InboxSmppIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RESIDENT = "6281234567001";

    static String url;
    static CuttableProxy proxy;
    static Database database;
    static Vertx vertx;
    static SMPPServerSessionListener smsc;
    static SMPPServerSession session;
    static SmscBind bind;
    static InboxWriter writer;
    static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        url = TestStorage.freshDatabase("inbox_smpp");
        proxy = new CuttableProxy(InboxIT.mysqlPort());
        database = Database.open(new GatewayConfig.Mysql(InboxIT.viaPort(url, proxy.port()), TestStorage.mysqlUser(),
                TestStorage.mysqlPassword()));
        vertx = Vertx.vertx();
        writer = new InboxWriter(database, METRICS, () -> { }, InboxIT.WINDOW);
        writer.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smsc = new SMPPServerSessionListener(port);
        Map<String, String> env = new java.util.HashMap<>(Map.of("BETANG_SMPP_SYSTEM_ID", "betang",
                "BETANG_SMPP_HOST", "127.0.0.1", "BETANG_SMPP_PORT", String.valueOf(port),
                "BETANG_REGISTRY_URL", "http://127.0.0.1:9/api/v1", "BETANG_REGISTRY_TOKEN", "a07d44a3e08b1eb24eaa73f2",
                "BETANG_WEBHOOK_SECRET", "8099cc53f51d381b837c1baf", "BETANG_NIK_HASH_KEY", "e8ec4c820ef2b843228de855",
                "BETANG_API_TOKEN", "47cc1a233ebd148e675672df", "BETANG_MYSQL_URL", url,
                "BETANG_REDIS_URL", TestStorage.redisUrl()));
        GatewayConfig.Smpp config = ConfigLoader.load((Path) null, env).smpp();
        bind = new SmscBind("it", config, BindType.BIND_TRX);
        bind.start(new DeliverSmRouter(null, null, null, writer, null, "text"));
        session = smsc.accept();
        session.waitForBind(WAIT.toMillis()).accept("smsc");
        session.setTransactionTimer(WAIT.toMillis());
        await().atMost(WAIT).until(() -> session.getSessionState() == SessionState.BOUND_TRX);
    }

    @AfterAll
    static void stop() throws Exception {
        bind.stop();
        writer.stop();
        smsc.close();
        database.close();
        proxy.close();
        vertx.close().await();
        TestStorage.dropDatabase(url);
    }

    @Test
    void anAcknowledgedSmsIsAStoredRowAndAnUnstorableOneIsDeferred() throws Exception {
        deliver("ADUAN sudah tersimpan");
        // no worker runs here: what the OK promised is in the table, waiting
        assertEquals(List.of("ADUAN sudah tersimpan", "NEW"),
                TestStorage.row(url, "SELECT body, state FROM sms_inbox WHERE msisdn = ?", RESIDENT));

        proxy.cut();
        NegativeResponseException deferred = assertThrows(NegativeResponseException.class,
                () -> deliver("ADUAN saat MySQL mati"));
        assertEquals(0x64, deferred.getCommandStatus(), "ESME_RX_T_APPN: the SMSC keeps it and retries");
        assertEquals(1.0, METRICS.counter("betang_mo_deferred").count());

        proxy.restore();
        await().atMost(WAIT).ignoreExceptionsInstanceOf(NegativeResponseException.class).until(() -> {
            deliver("ADUAN saat MySQL mati"); // the SMSC's retry
            return true;
        });
        assertEquals(List.of("1"), TestStorage.row(url,
                "SELECT COUNT(*) FROM sms_inbox WHERE body = ?", "ADUAN saat MySQL mati"), "nothing lost, stored once");
    }

    private static void deliver(String text) throws Exception {
        session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, RESIDENT,
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "7777", new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), DataCodings.ZERO, GsmCodec.encode(text).bytes());
    }
}
