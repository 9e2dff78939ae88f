package id.betang.gateway.smpp;

import java.util.List;
import java.util.Optional;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.ServiceCode;
import id.betang.gateway.ussd.UssdReply;
import id.betang.gateway.ussd.UssdRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * USSD over SMPP: deliver_sm in → {@link UssdRequest} → dialogue → {@link UssdReply} → submit_sm out,
 * on the same session. The PDU is checked in jSMPP's thread (so a bad one gets its error status in the
 * deliver_sm_resp), then handed to the event loop; the blocking submit runs on a worker.
 */
public final class SmppChannel implements SmscBind.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(SmppChannel.class);
    static final String CHANNEL = "ussd-smpp";

    private final Vertx vertx;
    private final Context context;
    private final Dialogue dialogue;
    private final Inbound inbound;
    private final UssdPdus pdus;
    private final ServiceCode serviceCode;
    private SmscBinds binds;

    public SmppChannel(Vertx vertx, Context context, Dialogue dialogue, Inbound inbound, UssdProfile profile,
                       ServiceCode serviceCode) {
        this.vertx = vertx;
        this.context = context;
        this.dialogue = dialogue;
        this.inbound = inbound;
        this.pdus = new UssdPdus(profile);
        this.serviceCode = serviceCode;
    }

    public void attach(SmscBinds smscBinds) {
        this.binds = smscBinds;
    }

    @Override
    public void onDeliverSm(SmscBind bind, DeliverSm pdu) throws MalformedPduException {
        if (!UssdPdus.isUssd(pdu)) {
            // SMS and receipts are not taken yet: a temporary error makes the SMSC keep them and retry later,
            // rather than us acknowledging and losing them
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RX_T_APPN, "SMS is not handled by this gateway yet");
        }
        MoUssd mo = pdus.parse(pdu);
        context.runOnContext(v -> serve(bind, mo));
    }

    private void serve(SmscBind bind, MoUssd mo) {
        UssdRequest request = toRequest(mo);
        if (request == null) {
            send(bind, mo, new UssdReply(dialogue.engine().tree().system("invalid", "id"), true));
            return;
        }
        inbound.step(CHANNEL, mo.msisdn(), mo.sessionKey(), () -> dialogue.handle(request),
                        reply -> reply.map(r -> r.end() ? "end" : "continue").orElse("abort"))
                .onSuccess(reply -> reply.ifPresent(r -> send(bind, mo, r)));
    }

    private UssdRequest toRequest(MoUssd mo) {
        if (mo.endOfSession()) {
            return new UssdRequest(mo.msisdn(), mo.sessionKey(), UssdRequest.Kind.ABORT, List.of(), CHANNEL);
        }
        if (mo.serviceOp() == UssdProfile.PSSR_INDICATION) {
            Optional<List<String>> shortcut = serviceCode.shortcut(mo.text());
            if (shortcut.isEmpty()) {
                LOG.info("{} dialled a code that is not ours; ending the dialogue", Mask.numbersIn(mo.sessionKey()));
                return null;
            }
            return new UssdRequest(mo.msisdn(), mo.sessionKey(), UssdRequest.Kind.BEGIN, shortcut.get(), CHANNEL);
        }
        return new UssdRequest(mo.msisdn(), mo.sessionKey(), UssdRequest.Kind.CONTINUE, List.of(mo.text().strip()),
                CHANNEL);
    }

    private void send(SmscBind arrivedOn, MoUssd mo, UssdReply reply) {
        GsmCodec.Encoded encoded = GsmCodec.encode(reply.text());
        SmscBind.Mt mt = new SmscBind.Mt("USSD", (byte) 0, (byte) 0, pdus.sourceAddr(), mo.msisdn(),
                encoded.dataCoding(), encoded.bytes(), false, pdus.replyTlvs(mo, reply.end()));
        Optional<SmscBind> bind = binds == null ? Optional.of(arrivedOn) : binds.pick(arrivedOn);
        if (bind.isEmpty()) {
            LOG.warn("no bind up to answer session {}; the network will time the dialogue out", Mask.numbersIn(mo.sessionKey()));
            return;
        }
        vertx.executeBlocking(() -> bind.get().submit(mt), false)
                .onFailure(e -> LOG.warn("answer to session {} not sent: {}", Mask.numbersIn(mo.sessionKey()), e.getMessage()));
    }
}
