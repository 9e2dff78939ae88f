package id.betang.simulator.smsc;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;

/** The gateways' sessions that completed a bind, until they close; MO traffic picks one in turn. */
final class BoundSessions {

    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Session id → the system_type its bind gave: tells apart ESMEs sharing one system_id. */
    private final Map<String, String> systemTypes = new ConcurrentHashMap<>();

    void add(SMPPServerSession session, String systemType) {
        sessions.add(session);
        systemTypes.put(session.getSessionId(), systemType == null ? "" : systemType);
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                sessions.remove(session);
                systemTypes.remove(session.getSessionId());
            }
        });
    }

    /** The system_type {@code session} bound with; empty when none (or it is closed). */
    String systemTypeOf(SMPPServerSession session) {
        return systemTypes.getOrDefault(session.getSessionId(), "");
    }

    /** Every session bound, receivable or not (closing, unbinding). */
    List<SMPPServerSession> all() {
        return sessions;
    }

    /** Sessions able to receive deliver_sm now. */
    List<SMPPServerSession> receivable() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).toList();
    }

    /**
     * One receivable session, in turn, as a network balancing over binds does: with two gateways, consecutive
     * steps of one dialogue reach different instances.
     */
    SMPPServerSession any() throws IOException {
        List<SMPPServerSession> bound = receivable();
        if (bound.isEmpty()) {
            throw new IOException("no gateway is bound to the SMSC simulator");
        }
        return bound.get(Math.floorMod(next.getAndIncrement(), bound.size()));
    }

    /** Unbinds politely where the session still answers, else just closes it. */
    void closeAll() {
        sessions.forEach(s -> {
            try {
                s.unbindAndClose();
            } catch (RuntimeException e) {
                s.close();
            }
        });
    }
}
