package id.betang.gateway.inbox;

import java.util.Optional;

import id.betang.gateway.smpp.MoSms;
import id.betang.gateway.smpp.SmsCodec;

/**
 * One stored MO SMS part, as the inbox table holds it.
 *
 * @param fingerprint what a redelivery of the same PDU repeats (see {@link InboxWriter}); null once let go
 * @param concatRef   null for a one-part SMS; else reference, total and sequence of the part
 * @param attempts    how often an instance claimed it (a row that keeps failing is given up)
 */
public record InboxRow(long id, String fingerprint, String msisdn, String destination, String body,
                       Integer concatRef, Integer concatTotal, Integer concatSeq, int attempts) {

    /** A part arrived from the SMSC, not stored yet. */
    static InboxRow arrived(MoSms part, String fingerprint) {
        Optional<SmsCodec.Concatenation> c = part.concatenation().filter(concat -> concat.total() > 1);
        return new InboxRow(0, fingerprint, part.msisdn(), part.destination(), part.text(),
                c.map(SmsCodec.Concatenation::reference).orElse(null), c.map(SmsCodec.Concatenation::total).orElse(null),
                c.map(SmsCodec.Concatenation::sequence).orElse(null), 0);
    }

    MoSms sms() {
        return new MoSms(msisdn, destination, body, concatRef == null ? Optional.empty()
                : Optional.of(new SmsCodec.Concatenation(concatRef, concatTotal, concatSeq)));
    }
}
