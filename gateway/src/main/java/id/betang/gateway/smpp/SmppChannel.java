package id.betang.gateway.smpp;

import java.util.List;
import java.util.Optional;

import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.limits.RateLimited;
import id.betang.gateway.limits.RateLimits;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.ServiceCode;
import id.betang.gateway.ussd.UssdReply;
import id.betang.gateway.ussd.UssdRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * USSD over SMPP: deliver_sm in → {@link UssdRequest} → dialogue → {@link UssdReply} → submit_sm out,
 * on the same session. {@link DeliverSmRouter} parses the PDU in jSMPP's thread and calls
 * {@link #serve} on the event loop; the answer leaves through {@link MtSubmitter} on a worker.
 */
public final class SmppChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SmppChannel.class);
    static final String CHANNEL = "ussd-smpp";

    /**
     * Threads that wait for submit_sm_resp of USSD answers (jSMPP's submit blocks): their own pool, so a
     * resident's next screen never queues behind other blocking work on Vert.x's shared worker pool.
     */
    private final io.vertx.core.WorkerExecutor submitters;
    private final Dialogue dialogue;
    private final Inbound inbound;
    private final UssdPdus pdus;
    private final ServiceCode serviceCode;
    private final MtSubmitter outbound;

    public SmppChannel(Vertx vertx, Dialogue dialogue, Inbound inbound, UssdProfile profile,
                       ServiceCode serviceCode, MtSubmitter outbound) {
        this.submitters = vertx.createSharedWorkerExecutor("betang-ussd-submit", 32);
        this.dialogue = dialogue;
        this.inbound = inbound;
        this.pdus = new UssdPdus(profile);
        this.serviceCode = serviceCode;
        this.outbound = outbound;
    }

    MoUssd parse(DeliverSm pdu) throws MalformedPduException {
        return pdus.parse(pdu);
    }

    /** Completes once the step is answered (or failed): the redelivery filter's cue. */
    Future<Void> serve(SmscBind bind, MoUssd mo) {
        UssdRequest request = toRequest(mo);
        if (request == null) {
            send(bind, mo, new UssdReply(dialogue.engine().tree().system("invalid", dialogue.engine().tree().defaultLanguage()), true));
            return Future.succeededFuture();
        }
        return inbound.step(CHANNEL, mo.msisdn(), mo.sessionKey(), () -> dialogue.handle(request),
                        reply -> reply.map(UssdReply::outcome).orElse("abort"),
                        reply -> reply.map(UssdReply::screen).orElse(""))
                .recover(e -> e instanceof RateLimited ? Future.succeededFuture(tryLater(request))
                        : Future.failedFuture(e))
                .onSuccess(reply -> reply.ifPresent(r -> send(bind, mo, r)))
                .mapEmpty();
    }

    /** Over the rate limit: an end screen saying so, unless the phone hung up anyway. */
    private Optional<UssdReply> tryLater(UssdRequest request) {
        return request.kind() == UssdRequest.Kind.ABORT ? Optional.empty() : Optional.of(new UssdReply(
                dialogue.engine().tree().system(RateLimits.TRY_LATER, dialogue.engine().tree().defaultLanguage()), true));
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
        submitters.executeBlocking(() -> {
            outbound.ussdScreen(arrivedOn, mo, reply.text(), reply.end());
            return null;
        }, false).onFailure(e -> LOG.warn("answer to session {} not sent ({}); the network will time the dialogue out",
                Mask.numbersIn(mo.sessionKey()), e.getMessage()));
    }
}
