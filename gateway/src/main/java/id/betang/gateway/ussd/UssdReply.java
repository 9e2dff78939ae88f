package id.betang.gateway.ussd;

/**
 * One screen back to the phone; {@code end} closes the dialogue.
 *
 * @param screen the menu screen shown (for the step's log line), empty when none was (a refusal, "busy")
 */
public record UssdReply(String text, boolean end, String screen) {

    public UssdReply(String text, boolean end) {
        this(text, end, "");
    }

    /** What a step's log line and metrics call this reply. */
    public String outcome() {
        return end ? "end" : "continue";
    }
}
