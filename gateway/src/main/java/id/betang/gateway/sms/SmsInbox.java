package id.betang.gateway.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.MoSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Whole MO SMS, after reassembly. Every SMS gets an answer through the outbox. Until the SMS commands
 * land, the answer points the resident to the USSD menu, which already serves them.
 */
public final class SmsInbox implements DeliverSmRouter.SmsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);
    static final String CHANNEL = "sms-smpp";
    static final String POINTER = "Kartu Huma Betang: layanan SMS segera hadir. Tekan *777# untuk cek status, "
            + "jadwal dan pengaduan.";

    private final Vertx vertx;
    private final Outbox outbox;
    private final Inbound inbound;

    public SmsInbox(Vertx vertx, Outbox outbox, Inbound inbound) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.inbound = inbound;
    }

    @Override
    public void onSms(MoSms sms) {
        inbound.step(CHANNEL, sms.msisdn(), "sms", () -> answer(sms), id -> "queued")
                .onFailure(e -> LOG.warn("SMS from {} not answered: {}", Mask.msisdn(sms.msisdn()), e.getMessage()));
    }

    private Future<Long> answer(MoSms sms) {
        return vertx.executeBlocking(() -> outbox.enqueue(sms.msisdn(), POINTER, "reply"), false);
    }
}
