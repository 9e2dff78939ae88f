package id.betang.gateway.sms;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.Gateway;
import id.betang.gateway.MenuContract;
import id.betang.gateway.complaint.ComplaintDrafts;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.inbox.InboxWorker;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.smpp.MoSms;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import id.betang.menus.Engine;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * The real SmsInbox against the real MariaDB and Redis, for what happens when an MO is processed again: its
 * instance died after the effects were committed and before its inbox row was marked done, so the row is taken
 * over and handed to the inbox once more. Every effect is keyed by the inbox id: one complaint, one SMS.
 */
class SmsInboxIT {

    static final int PER_DAY = 2;
    static final Duration WAIT = Duration.ofSeconds(30);

    static String url;
    static Database database;
    static RedisConnection redis;
    static Vertx vertx;
    static SmsInbox inbox;
    static final List<Runnable> stops = new ArrayList<>();

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("sms_inbox");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        String prefix = TestStorage.freshRedisPrefix("sms_inbox");
        redis = RedisConnection.open(new GatewayConfig.Redis(URI.create(TestStorage.redisUrl()), prefix));
        vertx = Vertx.vertx();
        MenuTree menu = MenuContract.load(Gateway.MENU, ScreenLimits.DEFAULT);
        Outbox outbox = new Outbox(database);
        Engine engine = new Engine(menu, ScreenLimits.DEFAULT);
        // CEK, TIKET, KODE and INGATKAN need the registry: not what these tests are about
        inbox = new SmsInbox(vertx, outbox, new Inbound(new SimpleMeterRegistry()), () -> engine,
                new SmsTexts(menu), new ComplaintStore(database, outbox, PER_DAY), null,
                new ComplaintDrafts(redis.commands(), prefix), new Subscribers(database), null, null, null);
    }

    @AfterAll
    static void close() {
        stops.forEach(Runnable::run);
        redis.close();
        database.close();
        vertx.close().await();
        TestStorage.dropDatabase(url);
    }

    @Test
    void aComplaintProcessedAgainIsOneComplaintWithOneTicketSms() throws Exception {
        String phone = "6281377770001";
        MoSms sms = sms(phone, "ADUAN bantuan bulan ini belum cair");
        processed(41, sms);
        processed(41, sms); // the same inbox row again: the instance died before marking it done
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE msisdn = '" + phone + "'"), "filed once");
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "'"), "one SMS");
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "' AND ref = 'mo:41' "
                + "AND category = 'ticket'"), "the ticket SMS carries the MO");
    }

    @Test
    void aPlainReplyProcessedAgainIsSentOnce() throws Exception {
        String phone = "6281377770002";
        processed(51, sms(phone, "APA INI"));
        processed(51, sms(phone, "APA INI"));
        processed(52, sms(phone, "BERHENTI"));
        processed(52, sms(phone, "BERHENTI"));
        assertEquals(2, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "'"),
                "one help, one STOP confirmation");
    }

    @Test
    void theSameWordsInAnotherMoAreAnsweredWithTheFirstTicketAndTheDailyLimitHolds() throws Exception {
        String phone = "6281377770003";
        processed(61, sms(phone, "ADUAN pungutan di kantor desa"));
        processed(62, sms(phone, "ADUAN pungutan di kantor desa")); // the resident, unsure it arrived
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE msisdn = '" + phone + "'"), "the same complaint");
        String ticket = TestStorage.row(url, "SELECT ticket_id FROM complaint WHERE msisdn = ?", phone).get(0);
        assertEquals(2, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "' AND body LIKE '%"
                + ticket + "%'"), "both MO answered with its ticket");

        processed(63, sms(phone, "ADUAN jalan ke posyandu rusak"));
        processed(64, sms(phone, "ADUAN beras bantuan basah"));
        assertEquals(PER_DAY, count("SELECT COUNT(*) FROM complaint WHERE msisdn = '" + phone + "'"),
                "no more than the day's limit");
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE ref = 'mo:64' AND category = 'reply'"),
                "the one over the limit is told so");
    }

    /** The complaint's one look at the phone reads its language: a BAHASA of the SMS before holds for the next. */
    @Test
    void aComplaintRightAfterBahasaIsAnsweredInTheLanguageChosen() throws Exception {
        String phone = "6281377770005";
        processed(71, sms(phone, "BAHASA BJN"));
        processed(72, sms(phone, "ADUAN jembatan desa patah"));
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE ref = 'mo:72' AND category = 'ticket' "
                + "AND body LIKE 'Aduan ditarima. Nomor tiket:%'"), "the ticket SMS in Banjar");
        processed(73, sms(phone, "BAHASA EN"));
        processed(74, sms(phone, "ADUAN jembatan desa patah")); // the same words: answered with the first ticket
        processed(75, sms(phone, "ADUAN lampu jalan mati"));
        assertEquals(2, count("SELECT COUNT(*) FROM outbox_sms WHERE ref IN ('mo:74', 'mo:75') "
                + "AND body LIKE 'Complaint received. Ticket:%'"), "both now in English");
        processed(76, sms(phone, "ADUAN"));
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE ref = 'mo:76' "
                + "AND body LIKE 'Write your complaint after COMPLAINT%'"),
                "an empty complaint is answered in the chosen language too");
    }

    /** The whole path: a row left CLAIMED by a dead instance after its effects, taken over and done, once. */
    @Test
    void aRowTakenOverAfterItsEffectsSendsNothingMore() throws Exception {
        String phone = "6281377770004";
        TestStorage.execute(url, "INSERT INTO sms_inbox (msisdn, destination, body, state, claim_token, claimed_by, "
                + "attempts, lease_until) VALUES ('" + phone + "', '7777', 'ADUAN lampu jalan mati', 'CLAIMED', 'dead', "
                + "'gw-a', 1, NOW(3) - INTERVAL 1 SECOND)");
        long id = count("SELECT id FROM sms_inbox WHERE msisdn = '" + phone + "'");
        processed(id, sms(phone, "ADUAN lampu jalan mati")); // instance A's effects, before it died

        InboxWorker b = new InboxWorker(vertx, database, inbox::onSms,
                new InboxWorker.Settings(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(5), 4));
        b.start();
        stops.add(b::stop);
        await().atMost(WAIT).until(() -> "DONE".equals(TestStorage.row(url, "SELECT state FROM sms_inbox WHERE msisdn = ?",
                phone).get(0)));
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE msisdn = '" + phone + "'"), "filed once");
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "'"), "one ticket SMS");
    }

    private static void processed(long inboxId, MoSms sms) throws Exception {
        inbox.onSms(inboxId, sms).await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static MoSms sms(String msisdn, String text) {
        return new MoSms(msisdn, "7777", text, Optional.empty());
    }

    private static long count(String query) throws Exception {
        try (Connection c = TestStorage.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
