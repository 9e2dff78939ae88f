package id.betang.gateway.smpp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;
import io.vertx.core.Vertx;

/**
 * Concatenated MO SMS joined in the real Redis: in any order, across two gateway instances, and kept
 * with a visible gap when a part never comes.
 */
class SmsReassemblyIT {

    /** The reassembly timeout under test: short, so that waiting it out keeps the test quick. */
    static final Duration TIMEOUT = Duration.ofMillis(400);
    /** How long a test waits for what must happen: generous, a busy machine may run timers late. */
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String RESIDENT = "6281234567890";

    static Vertx vertx;
    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("reassembly");

    final List<MoSms> whole = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = RedisConnection.open(new GatewayConfig.Redis(URI.create(TestStorage.redisUrl()), prefix));
    }

    @AfterAll
    static void stop() {
        redis.close();
        vertx.close().await();
    }

    /** One gateway instance's reassembler; instances share only Redis. */
    private SmsReassembly instance() {
        return new SmsReassembly(vertx, redis.connection().async(), prefix, TIMEOUT);
    }

    private static MoSms part(int reference, int total, int sequence, String text) {
        return new MoSms(RESIDENT, "7777", text, Optional.of(new SmsCodec.Concatenation(reference, total, sequence)));
    }

    @Test
    void partsInAnyOrderBecomeOneMessageInOrder() {
        SmsReassembly gateway = instance();
        gateway.add(part(11, 3, 3, "ketiga."), whole::add);
        gateway.add(part(11, 3, 1, "ADUAN pertama, "), whole::add);
        gateway.add(part(11, 3, 2, "kedua, "), whole::add);
        await().atMost(WAIT).until(() -> whole.size() == 1);
        assertEquals("ADUAN pertama, kedua, ketiga.", whole.get(0).text());
        assertEquals(Optional.empty(), whole.get(0).concatenation());
        assertEquals(RESIDENT, whole.get(0).msisdn());
        staysOne("the timers of the earlier parts found nothing left to take");
    }

    @Test
    void partsArrivingAtTwoInstancesAreJoinedOnce() {
        SmsReassembly first = instance();
        SmsReassembly second = instance();
        first.add(part(12, 2, 1, "satu "), whole::add);
        second.add(part(12, 2, 2, "dua"), whole::add);
        await().atMost(WAIT).until(() -> whole.size() == 1);
        assertEquals("satu dua", whole.get(0).text());
        staysOne("the other instance's timer found nothing left to take");
    }

    @Test
    void aMissingPartLeavesAGapAfterTheTimeoutAndTheRestIsKeptOnce() {
        SmsReassembly first = instance();
        SmsReassembly second = instance();
        first.add(part(13, 3, 1, "awal"), whole::add);
        second.add(part(13, 3, 3, "akhir"), whole::add);
        await().atMost(WAIT).until(() -> whole.size() == 1);
        assertEquals("awal … akhir", whole.get(0).text());
        staysOne("two instances waited, one of them took the parts");
    }

    @Test
    void theSameReferenceFromAnotherPhoneIsAnotherMessage() {
        SmsReassembly gateway = instance();
        gateway.add(part(14, 2, 1, "A1 "), whole::add);
        gateway.add(new MoSms("6281111111111", "7777", "B1 ",
                Optional.of(new SmsCodec.Concatenation(14, 2, 1))), whole::add);
        gateway.add(part(14, 2, 2, "A2"), whole::add);
        await().atMost(WAIT).until(() -> whole.size() == 2);
        assertEquals("A1 A2", whole.get(0).text());
        assertEquals("B1 …", whole.get(1).text());
        assertEquals("6281111111111", whole.get(1).msisdn());
    }

    @Test
    void withoutRedisEachPartGoesOnAlone() {
        RedisConnection gone = RedisConnection.open(new GatewayConfig.Redis(URI.create(TestStorage.redisUrl()), prefix));
        SmsReassembly gateway = new SmsReassembly(vertx, gone.connection().async(), prefix, TIMEOUT);
        gone.connection().close(); // as when Redis goes away: commands are rejected at once
        try {
            gateway.add(part(15, 2, 1, "tetap "), whole::add);
            gateway.add(part(15, 2, 2, "sampai"), whole::add);
            await().atMost(WAIT).until(() -> whole.size() == 2);
            assertEquals(List.of("sampai", "tetap "), whole.stream().map(MoSms::text).sorted().toList());
        } finally {
            gone.close();
        }
    }

    @Test
    void aSingleSmsPassesStraightThrough() {
        instance().add(new MoSms(RESIDENT, "7777", "STATUS", Optional.empty()), whole::add);
        assertEquals(List.of("STATUS"), whole.stream().map(MoSms::text).toList());
    }

    /** Nothing more arrives while every timer still pending runs out (three timeouts: one and room to spare). */
    private void staysOne(String why) {
        await(why).during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(3).plus(WAIT)).until(() -> whole.size() == 1);
    }
}
