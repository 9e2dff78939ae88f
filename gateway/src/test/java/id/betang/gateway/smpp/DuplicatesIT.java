package id.betang.gateway.smpp;

import static id.betang.gateway.smpp.DuplicatesTest.info;
import static id.betang.gateway.smpp.DuplicatesTest.sms;
import static id.betang.gateway.smpp.UssdPdusTest.ussd;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;

/** The redelivery filter against the real Redis: resends dropped, a resident's repeat after the answer kept. */
public class DuplicatesIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("duplicates");

    @BeforeAll
    static void start() {
        redis = RedisConnection.open(TestStorage.redis(prefix));
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static Duplicates filter() {
        return new Duplicates(redis.commands(), prefix, Duration.ofSeconds(60));
    }

    private static boolean first(Duplicates d, DeliverSm pdu) {
        return d.firstTime(pdu).await();
    }

    @Test
    void aResendBeforeTheAnswerIsDroppedTheSameTextAfterItIsNew() {
        Duplicates d = filter();
        DeliverSm status = sms("STATUS 6271031203900004", (byte) 0);
        assertTrue(first(d, status));
        assertFalse(first(d, status), "the SMSC sent it again while we worked on it");
        assertFalse(first(filter(), status), "another instance knows it too");
        d.answered(status).await();
        assertTrue(first(d, status), "after the answer the same text is the resident's again");
    }

    @Test
    void withoutSessionInfoTheSameKeyAfterTheScreenAdvances() {
        Duplicates d = filter();
        DeliverSm four = ussd("6281234567891", 18, null, "4");
        assertTrue(first(d, four));
        assertFalse(first(d, four));
        d.answered(four).await();
        assertTrue(first(d, four), "4 on the next screen");
    }

    @Test
    void withSessionInfoAResendAfterTheAnswerIsStillDropped() {
        Duplicates d = filter();
        DeliverSm four = ussd("6281234567892", 18, info(2), "4");
        assertTrue(first(d, four));
        d.answered(four).await();
        assertFalse(first(d, four), "its sequence says it is the step already answered");
        assertTrue(first(d, ussd("6281234567892", 18, info(4), "4")), "the next press has the next sequence");
    }
}
