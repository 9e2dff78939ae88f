package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;

/** "Nothing more happens", said with Awaitility's {@code during}: the condition must hold the whole window. */
final class Quiet {

    /** Slack for the poll that ends the window, on a machine busy enough to run it late. */
    private static final Duration SLACK = Duration.ofSeconds(20);

    private Quiet() {
    }

    /** No SMS reaches {@code phone} for {@code window}; one that does fails at once, its text in the message. */
    static void noSms(SimulatedPhone phone, Duration window, String why) {
        List<String> arrived = new CopyOnWriteArrayList<>();
        await(why).during(window).atMost(window.plus(SLACK)).untilAsserted(() -> {
            phone.drainSms().stream().map(SmsInbox.Sms::text).forEach(arrived::add);
            assertEquals(List.of(), arrived, why);
        });
    }
}
