package id.betang.gateway.ussd;

/** One screen back to the phone; {@code end} closes the dialogue. */
public record UssdReply(String text, boolean end) {
}
