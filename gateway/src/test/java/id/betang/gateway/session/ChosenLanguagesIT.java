package id.betang.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.sms.Subscribers;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The language a dial opens in, across instances: two "instances" (each its own Vert.x, Redis connection and
 * MySQL pool, wired as the gateway wires them) over the real Redis and MariaDB.
 */
class ChosenLanguagesIT {

    static String url;
    static String prefix = TestStorage.freshRedisPrefix("langs");
    static Instance a;
    static Instance b;

    /** What one gateway instance has: the mirror, and the Subscribers whose choices it is told of. */
    record Instance(Vertx vertx, RedisConnection redis, Database database, ChosenLanguages languages,
                    Subscribers subscribers) {
        static Instance start() {
            Vertx vertx = Vertx.vertx();
            RedisConnection redis = RedisConnection.open(TestStorage.redis(prefix));
            Database database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
            ChosenLanguages languages = new ChosenLanguages(vertx, redis.commands(), prefix, new Subscribers(database)::lang);
            return new Instance(vertx, redis, database, languages, new Subscribers(database, languages::chose));
        }

        Optional<String> dialLanguage(String msisdn) throws Exception {
            return languages.of(msisdn).await(10, TimeUnit.SECONDS);
        }

        void close() throws Exception {
            redis.close();
            database.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("chosen_langs");
        a = Instance.start();
        b = Instance.start();
    }

    @AfterAll
    static void close() throws Exception {
        a.close();
        b.close();
        TestStorage.dropDatabase(url);
    }

    @Test
    void aChoiceMadeOnOneInstanceOpensTheNextDialOnAnother() throws Exception {
        String phone = "6281200001001";
        assertEquals(Optional.empty(), b.dialLanguage(phone), "no choice yet (and B now remembers that)");
        a.subscribers().setLang(phone, "bjn"); // BAHASA BJN by SMS, on instance A
        assertEquals(Optional.of("bjn"), b.dialLanguage(phone));
        assertEquals(Optional.of("bjn"), a.subscribers().lang(phone), "MySQL holds the choice");
        a.subscribers().setLang(phone, "id");
        assertEquals(Optional.of("id"), b.dialLanguage(phone));
        assertEquals(Optional.of("id"), a.dialLanguage(phone));
    }

    @Test
    void aPhoneNotMirroredIsReadFromMysqlOnceAndThenFromRedis() throws Exception {
        String phone = "6281200001002";
        // a choice Redis never heard of (made before the mirror existed, or the mirror expired)
        TestStorage.execute(url, "INSERT INTO sms_subscriber (msisdn, lang) VALUES ('" + phone + "', 'en')");
        AtomicInteger reads = new AtomicInteger();
        Subscribers mysql = new Subscribers(b.database());
        ChosenLanguages counted = new ChosenLanguages(b.vertx(), b.redis().commands(), prefix, msisdn -> {
            reads.incrementAndGet();
            return mysql.lang(msisdn);
        });
        assertEquals(Optional.of("en"), counted.of(phone).await(10, TimeUnit.SECONDS));
        assertEquals(Optional.of("en"), counted.of(phone).await(10, TimeUnit.SECONDS));
        assertEquals(Optional.of("en"), a.dialLanguage(phone), "the other instance reads the mirror too");
        assertEquals(1, reads.get(), "one MySQL read, then Redis");
        long ttl = b.redis().sync().pttl(prefix + "lang:" + phone);
        assertTrue(ttl > 0 && ttl <= ChosenLanguages.KEPT.toMillis(), "mirrored for a while, not for ever: " + ttl);
    }

    @Test
    void aReadThatSawTheOldRowDoesNotOverwriteAChoiceMadeMeanwhile() throws Exception {
        String phone = "6281200001003";
        CountDownLatch choiceMade = new CountDownLatch(1);
        ChosenLanguages slowReader = new ChosenLanguages(b.vertx(), b.redis().commands(), prefix, msisdn -> {
            Optional<String> old = Optional.empty(); // what MySQL said before the choice committed
            try {
                choiceMade.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return old;
        });
        Future<Optional<String>> dialDuringTheChoice = slowReader.of(phone);
        a.subscribers().setLang(phone, "bjn");
        choiceMade.countDown();
        assertEquals(Optional.empty(), dialDuringTheChoice.await(10, TimeUnit.SECONDS), "that dial began before it");
        assertEquals(Optional.of("bjn"), slowReader.of(phone).await(10, TimeUnit.SECONDS));
        assertEquals(Optional.of("bjn"), b.dialLanguage(phone));
    }
}
