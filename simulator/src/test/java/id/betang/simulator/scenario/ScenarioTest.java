package id.betang.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Scenario YAML into typed steps, and every mistake reported with its file and line. */
class ScenarioTest {

    @Test
    void stepsAreReadIntoTheirRecordsWithWhatTheyExpect() throws IOException {
        Scenario s = Scenario.parse("s.yaml", """
                name: Everything once
                phone: "6281234567890"
                steps:
                  - dial: "*777#"
                    expect: "Kartu"
                  - send: 00
                    expect_end: true
                  - sms: "CEK 6271031203900004"
                    expect_sms: "BLT"
                  - expect_sms: "Selesai"
                  - hang: true
                  - wait: 1500
                  - misbehave: { name: slow-resp, value: 800 }
                  - phone: fresh2
                    misbehave: { name: drop-link }
                  - send_code: "6281311112222"
                    expect: "PKH"
                """);
        assertEquals("Everything once", s.name());
        assertEquals("6281234567890", s.phone());
        assertEquals(List.of(
                new Step.Dial(4, null, "*777#", new Step.Expect("Kartu", false, null)),
                new Step.Send(6, null, "00", new Step.Expect(null, true, null)),
                new Step.Sms(8, null, "CEK 6271031203900004", new Step.Expect(null, false, "BLT")),
                new Step.AwaitSms(10, null, new Step.Expect(null, false, "Selesai")),
                new Step.Hang(11, null, Step.Expect.NOTHING),
                new Step.Wait(12, null, Duration.ofMillis(1500), Step.Expect.NOTHING),
                new Step.Misbehave(13, null, "slow-resp", "800", Step.Expect.NOTHING),
                new Step.Misbehave(14, "fresh2", "drop-link", null, Step.Expect.NOTHING),
                new Step.SendCode(16, null, "6281311112222", new Step.Expect("PKH", false, null))), s.steps());
    }

    @Test
    void aScenarioWithoutPhoneUsesAFreshOne() throws IOException {
        assertEquals("fresh", Scenario.parse("s.yaml", "steps:\n  - dial: \"*777#\"\n").phone());
    }

    private static String error(String yaml) {
        return assertThrows(IOException.class, () -> Scenario.parse("bad.yaml", yaml)).getMessage();
    }

    @Test
    void mistakesNameTheirLine() {
        assertEquals("bad.yaml:4: unknown key 'expekt'; known: dial, expect, expect_end, expect_sms, hang, misbehave, "
                + "phone, send, send_code, sms, wait", error("""
                phone: fresh
                steps:
                  - dial: "*777#"
                    expekt: "Kartu"
                """));
        assertEquals("bad.yaml:4: one action per step, this one has dial and send", error("""
                phone: fresh
                steps:
                  - dial: "*777#"
                  - dial: "*777#"
                    send: "1"
                """));
        assertEquals("bad.yaml:3: only dial, send and send_code show a screen: 'expect' and 'expect_end' do not go with 'sms'",
                error("""
                phone: fresh
                steps:
                  - sms: "CEK"
                    expect: "BLT"
                """));
        assertEquals("bad.yaml:3: wait takes milliseconds, 1 to 60000", error("""
                phone: fresh
                steps:
                  - wait: soon
                """));
        assertEquals("bad.yaml:1: phone is fresh (a new phone of this run), fresh2 (another), or an MSISDN like 6281234567890, "
                + "not '0812'", error("phone: \"0812\"\nsteps:\n  - dial: \"*777#\"\n"));
        assertEquals("bad.yaml:3: dial takes a USSD code like \"*777#\", not '777'", error("""
                phone: fresh
                steps:
                  - dial: "777"
                """));
        assertTrue(error("phone: fresh\nsteps: []\n").startsWith("bad.yaml:2: 'steps' is a list of at least one step"));
    }

    @Test
    void freshPhonesAreTheSameWithinAScenarioAndNewInTheNextAndInTheNextRun() {
        FreshPhones run = new FreshPhones(1234567);
        Scenario.PhoneBook first = run.book();
        String a = first.msisdn("fresh");
        assertEquals(a, first.msisdn("fresh"));
        assertTrue(a.matches("62899234567\\d{3}"), a);
        assertNotEquals(a, first.msisdn("fresh2"));
        assertEquals("6281234567890", first.msisdn("6281234567890"));
        assertNotEquals(a, run.book().msisdn("fresh"));
        assertNotEquals(a, new FreshPhones(1234568).book().msisdn("fresh"));
    }
}
