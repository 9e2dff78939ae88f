package id.betang.simulator.smsc;

import java.io.IOException;
import java.util.concurrent.Executor;

import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The misbehaviours that are actions, done once, now, to every bound link: drop-link, unbind, garble-pdu. */
final class LinkFaults {

    private static final Logger LOG = LoggerFactory.getLogger(LinkFaults.class);

    private final BoundSessions bound;
    private final TappedConnections connections;
    private final Executor later;

    LinkFaults(BoundSessions bound, TappedConnections connections, Executor later) {
        this.bound = bound;
        this.connections = connections;
        this.later = later;
    }

    /** Every bound connection is cut without an unbind, as a failing network does. */
    void dropLink() {
        LOG.info("SMSC drops {} link(s) ({})", bound.all().size(), Misbehaviours.DROP_LINK);
        bound.all().forEach(SMPPServerSession::close);
    }

    /** The SMSC politely asks every ESME to unbind (maintenance, fail-over). */
    void unbindAll() {
        LOG.info("SMSC unbinds {} session(s) ({})", bound.all().size(), Misbehaviours.UNBIND);
        bound.all().forEach(s -> later.execute(s::unbindAndClose));
    }

    /**
     * Sends each bound ESME, between well-formed PDUs, a PDU with an unknown command id and a deliver_sm whose
     * its_session_info TLV has the wrong length.
     */
    void garble() throws IOException {
        for (SMPPServerSession s : bound.receivable()) {
            int port = s.getPort();
            connections.writeRaw(port, Garbage.unknownCommand());
            connections.writeRaw(port, Garbage.deliverSmWithBadTlv());
        }
        LOG.info("SMSC sent garbled PDUs ({})", Misbehaviours.GARBLE_PDU);
    }
}
