package id.betang.simulator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The agent's PIN (DESIGN.md, Identity), end to end against the registry stub and real Redis and MariaDB: asked
 * once per dialogue before any agent function, wrong ones counted across dialogues and locking after three,
 * never kept anywhere, and no agent screen reachable around it. Each test uses a phone of its own: the lock
 * is counted by phone.
 */
class AgentPinIT {

    /** The sample social worker of the stub, whose PIN is 246810. */
    static final String AGENT = "6281199990000";
    static final String PIN = "246810";
    static final String MENU = "Layanan pendamping\n1 Pengaduan atas nama warga\n2 Usul perubahan data\n0 Kembali 00 Menu";

    static Rig rig;
    static String redisPrefix;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        redisPrefix = TestStorage.freshRedisPrefix("agentpin");
        rig = Rig.start("agentpin", SmscSimulator.Options.defaults(GatewayProcess.freePort()),
                Map.of("BETANG_REDIS_KEY_PREFIX", redisPrefix));
        redisClient = RedisClient.create(TestStorage.redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        if (rig != null) {
            rig.close();
        }
    }

    /** Another social worker of the registry: same PIN rules, a lock of its own. */
    static SimulatedPhone agent(String msisdn, String agentId) {
        rig.registry.server().stubFor(get("/api/v1/agents/" + msisdn).willReturn(okJson(
                "{\"agentId\":\"" + agentId + "\",\"name\":\"Petugas Uji\",\"region\":\"6271\"}")));
        return rig.smsc.phone(msisdn);
    }

    static RequestPatternBuilder pinChecks(String msisdn) {
        return postRequestedFor(urlPathEqualTo("/api/v1/agents/" + msisdn + "/verify"));
    }

    static int pinChecksOf(String msisdn) {
        return rig.registry.server().findAll(pinChecks(msisdn)).size();
    }

    static String value(String key) {
        return switch (redis.sync().type(key)) {
            case "string" -> redis.sync().get(key);
            case "hash" -> String.valueOf(redis.sync().hgetall(key));
            case "set" -> String.valueOf(redis.sync().smembers(key));
            case "list" -> String.valueOf(redis.sync().lrange(key, 0, -1));
            default -> "";
        };
    }

    @Test
    void thePinIsAskedOncePerDialogueAndNeverKept() throws Exception {
        SimulatedPhone phone = rig.smsc.phone(AGENT);
        int before = pinChecksOf(AGENT);
        assertTrue(phone.dial("*777#").text().contains("\n7 Layanan pendamping"));
        assertEquals("Masukkan PIN pendamping:", phone.send("7").text());
        assertEquals(MENU, phone.send(PIN).text());
        assertEquals(before + 1, pinChecksOf(AGENT));
        rig.registry.server().verify(pinChecks(AGENT).withRequestBody(matchingJsonPath("$.pin", equalTo(PIN))));

        // the confirmation is in the session, under the test's prefix: it holds the agent id, no PIN anywhere
        List<String> keys = redis.sync().keys(redisPrefix + "*");
        assertFalse(keys.isEmpty(), "the session is there to look into");
        for (String key : keys) {
            assertFalse(value(key).contains(PIN), "the PIN is not kept: " + key + " = " + value(key));
        }
        phone.send("00");
        assertEquals(MENU, phone.send("7").text(), "the same dialogue: not asked again");
        assertEquals(before + 1, pinChecksOf(AGENT));
        phone.hangUp();

        phone.dial("*777#");
        assertEquals("Masukkan PIN pendamping:", phone.send("7").text(), "a new dialogue asks again");
        assertEquals(MENU, phone.send(PIN).text());
        assertEquals(before + 2, pinChecksOf(AGENT));
        phone.hangUp();
    }

    @Test
    void aWrongPinIsToldAndThreeWithin30MinutesLockAcrossDialogues() throws Exception {
        SimulatedPhone phone = agent("6281199990011", "PSKS-6271-111");
        phone.dial("*777#");
        phone.send("7");
        assertEquals("PIN salah. Masukkan PIN pendamping:", phone.send("1111").text());
        assertEquals("PIN salah. Masukkan PIN pendamping:", phone.send("2222").text());
        phone.hangUp();

        phone.dial("*777#");
        phone.send("7");
        SimulatedPhone.Screen locked = phone.send("3333");
        assertEquals("PIN salah 3 kali. Layanan pendamping terkunci 30 menit.", locked.text());
        assertTrue(locked.end());
        assertEquals(3, pinChecksOf("6281199990011"));

        // locked: the registry is not asked again, not even for the right PIN, in a dialogue or a shortcut
        phone.dial("*777#");
        assertEquals("PIN salah 3 kali. Layanan pendamping terkunci 30 menit.", phone.send("7").text());
        assertTrue(phone.dial("*777*7*" + PIN + "*1#").end());
        assertEquals(3, pinChecksOf("6281199990011"));
        long ttl = redis.sync().pttl(redisPrefix + "agent:pinfail:6281199990011");
        assertTrue(ttl > Duration.ofMinutes(20).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(),
                "locked for 30 minutes: " + ttl);
    }

    @Test
    void theRightPinForgetsEarlierWrongOnes() throws Exception {
        SimulatedPhone phone = rig.smsc.phone(AGENT);
        phone.dial("*777#");
        phone.send("7");
        phone.send("1111");
        assertEquals("PIN salah. Masukkan PIN pendamping:", phone.send("2222").text());
        assertEquals(MENU, phone.send(PIN).text());
        assertEquals(0, redis.sync().exists(redisPrefix + "agent:pinfail:" + AGENT));
        phone.hangUp();
    }

    @Test
    void noAgentScreenIsReachableWithoutThePin() throws Exception {
        SimulatedPhone phone = agent("6281199990022", "PSKS-6271-222");
        // the agent screens' answers typed straight away: each is refused as a PIN, three end the dialogue
        SimulatedPhone.Screen shortcut = phone.dial("*777*7*2*1#");
        assertEquals("Ketik 4-8 angka.\nMasukkan PIN pendamping:", shortcut.text());
        assertEquals("Ketik 4-8 angka.\nMasukkan PIN pendamping:", phone.send("1").text());
        assertTrue(phone.send("6203014107850002").end(), "a NIK is no PIN either, and the third refusal ends it");
        phone.dial("*777#");
        phone.send("7");
        assertEquals("Kartu Huma Betang Sejahtera", phone.send("0").text().lines().findFirst().orElseThrow(),
                "0 leaves the PIN for the main menu");
        assertEquals(0, pinChecksOf("6281199990022"), "nothing of 4-8 digits was typed: the registry was not asked");

        // a complaint through 4, as any resident may, is the phone's own: not filed as the agent's
        phone.send("4");
        phone.send("7");
        phone.send("0");
        phone.send("14");
        phone.send("Tumbang Nusa");
        phone.send("Jalan ke balai desa rusak");
        assertTrue(phone.send("1").text().startsWith("Pengaduan diterima."));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !rig.registry.server().findAll(
                postRequestedFor(urlPathEqualTo("/api/v1/complaints"))
                        .withRequestBody(matchingJsonPath("$.msisdn", equalTo("6281199990022")))).isEmpty());
        rig.registry.server().verify(postRequestedFor(urlPathEqualTo("/api/v1/complaints"))
                .withRequestBody(matchingJsonPath("$.msisdn", equalTo("6281199990022")))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("USSD")))
                .withRequestBody(WireMock.notContaining("agentId")));
    }

    @Test
    void aPhoneThatIsNoAgentNeverSeesOption7() throws Exception {
        SimulatedPhone resident = rig.smsc.phone("6281299990031");
        assertFalse(resident.dial("*777#").text().contains("\n7 "));
        assertEquals("Pilih 0-6.", resident.send("7").text().lines().findFirst().orElseThrow());
        assertEquals("Pilih 0-6.", resident.dial("*777*7*" + PIN + "#").text().lines().findFirst().orElseThrow(),
                "nor through a shortcut");
        assertEquals(List.of(), rig.registry.server().findAll(pinChecks("6281299990031")));
    }
}
