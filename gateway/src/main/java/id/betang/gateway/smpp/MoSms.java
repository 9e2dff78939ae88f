package id.betang.gateway.smpp;

import java.util.Optional;

/**
 * One mobile-originated SMS part as it arrived, decoded. A whole message when {@code concatenation} is
 * empty; otherwise one part that {@link SmsReassembly} joins with its siblings.
 *
 * @param destination the short code the resident texted
 */
public record MoSms(String msisdn, String destination, String text,
                    Optional<SmsCodec.Concatenation> concatenation) {
}
