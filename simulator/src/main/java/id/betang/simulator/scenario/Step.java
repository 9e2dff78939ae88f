package id.betang.simulator.scenario;

import java.time.Duration;

/**
 * One step of a scenario, as the YAML says it, already checked: what the phone does (or the SMSC, for
 * {@link Misbehave}) and what must follow. {@code line} is where the step starts in its file, for messages.
 * {@code phone} is the phone the step acts on, as written ({@code fresh} resolved by the runner), or null for
 * "the phone of the step before".
 */
public sealed interface Step permits Step.Dial, Step.Send, Step.SendCode, Step.Sms, Step.Hang, Step.Wait, Step.Misbehave, Step.AwaitSms {

    int line();

    String phone();

    /** What the step expects; {@link Expect#NOTHING} when it only acts. */
    Expect expect();

    /**
     * @param screen part of the screen text the step must show, or null
     * @param end    the dialogue must end with this screen
     * @param sms    part of the next SMS this phone receives (waited for), or null
     */
    record Expect(String screen, boolean end, String sms) {

        public static final Expect NOTHING = new Expect(null, false, null);

        boolean screenShown() {
            return screen != null || end;
        }
    }

    /** Dials a USSD code, e.g. {@code *777#}. */
    record Dial(int line, String phone, String code, Expect expect) implements Step {
    }

    /** Answers the screen on display. */
    record Send(int line, String phone, String input, Expect expect) implements Step {
    }

    /**
     * Answers the screen with the one-time code the gateway sent to another phone, the household's
     * ({@code from}): the code of the latest SMS there that names this phone, waited for.
     */
    record SendCode(int line, String phone, String from, Expect expect) implements Step {
    }

    /** Texts the short code. */
    record Sms(int line, String phone, String text, Expect expect) implements Step {
    }

    /** Hangs up the dialogue in progress. */
    record Hang(int line, String phone, Expect expect) implements Step {
    }

    /** Does nothing for a while (e.g. while the gateway rebinds). */
    record Wait(int line, String phone, Duration duration, Expect expect) implements Step {
    }

    /** Switches one of the SMSC simulator's misbehaviours, e.g. {@code drop-link}, {@code slow-resp=800}; value may be null. */
    record Misbehave(int line, String phone, String name, String value, Expect expect) implements Step {
    }

    /** Only waits for an SMS ({@code expect_sms} alone), e.g. the second update of a ticket. */
    record AwaitSms(int line, String phone, Expect expect) implements Step {
    }
}
