package id.betang.simulator.smsc;

import org.jsmpp.SMPPConstant;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a new connection's bind as the operator's SMSC would: refused while {@code refuse-bind} is on,
 * refused for an unknown system_id or a wrong password (each with its own status), else accepted.
 */
final class BindAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(BindAdmission.class);
    /** How long a new connection may take to send its bind before it is dropped. */
    private static final long BIND_WAIT_MS = 5_000;

    private final String systemId;
    private final String password;
    private final Misbehaviours misbehaviours;
    private final BoundSessions bound;
    private final Counters counters;

    BindAdmission(String systemId, String password, Misbehaviours misbehaviours, BoundSessions bound,
                  Counters counters) {
        this.systemId = systemId;
        this.password = password;
        this.misbehaviours = misbehaviours;
        this.bound = bound;
        this.counters = counters;
    }

    /** Runs the handshake of one connection; blocks until its bind came (or did not). */
    void admit(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_WAIT_MS);
            int refusal = refusal(request);
            if (refusal != SMPPConstant.STAT_ESME_ROK) {
                request.reject(refusal);
                return;
            }
            request.accept(systemId);
            counters.bindAccepted();
            bound.add(session, request.getSystemType());
            LOG.info("SMSC accepted {} from {}", request.getBindType(), request.getSystemId());
        } catch (Exception e) {
            LOG.warn("SMSC bind handshake failed: {}", e.toString());
            session.close();
        }
    }

    private int refusal(BindRequest request) {
        if (misbehaviours.refuseBind()) {
            LOG.info("SMSC refused bind from {} ({} is on)", request.getSystemId(), Misbehaviours.REFUSE_BIND);
            return SMPPConstant.STAT_ESME_RBINDFAIL;
        }
        if (!systemId.equals(request.getSystemId())) {
            LOG.info("SMSC refused bind from unknown system_id {}", request.getSystemId());
            return SMPPConstant.STAT_ESME_RINVSYSID;
        }
        if (!password.equals(request.getPassword())) {
            LOG.info("SMSC refused bind from {}: wrong password", request.getSystemId());
            return SMPPConstant.STAT_ESME_RINVPASWD;
        }
        return SMPPConstant.STAT_ESME_ROK;
    }
}
