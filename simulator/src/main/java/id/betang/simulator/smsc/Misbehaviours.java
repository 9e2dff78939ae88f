package id.betang.simulator.smsc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field faults the simulator can reproduce, switchable while it runs. Settings (throttle, slow-resp,
 * duplicate-deliver, refuse-bind, no-dlr) stay until switched off; actions (drop-link, garble-pdu,
 * unbind) happen once, now.
 */
public final class Misbehaviours {

    /** Names as operators type them (CLI flags, control API, scenarios). */
    public static final String DROP_LINK = "drop-link";
    public static final String THROTTLE = "throttle";
    public static final String SLOW_RESP = "slow-resp";
    public static final String DUPLICATE_DELIVER = "duplicate-deliver";
    public static final String GARBLE_PDU = "garble-pdu";
    public static final String REFUSE_BIND = "refuse-bind";
    public static final String NO_DLR = "no-dlr";
    public static final String UNBIND = "unbind";

    /** ESME_RTHROTTLED on every n-th submit_sm; 0 = off. */
    private volatile int throttleEvery;
    /** Delay before each submit_sm_resp, in ms; 0 = off. */
    private volatile int slowRespMs;
    private volatile boolean duplicateDeliver;
    private volatile boolean refuseBind;
    private volatile boolean noDlr;

    public int throttleEvery() {
        return throttleEvery;
    }

    public Misbehaviours throttleEvery(int n) {
        this.throttleEvery = Math.max(0, n);
        return this;
    }

    public int slowRespMs() {
        return slowRespMs;
    }

    public Misbehaviours slowRespMs(int ms) {
        this.slowRespMs = Math.max(0, ms);
        return this;
    }

    public boolean duplicateDeliver() {
        return duplicateDeliver;
    }

    public Misbehaviours duplicateDeliver(boolean on) {
        this.duplicateDeliver = on;
        return this;
    }

    public boolean refuseBind() {
        return refuseBind;
    }

    public Misbehaviours refuseBind(boolean on) {
        this.refuseBind = on;
        return this;
    }

    public boolean noDlr() {
        return noDlr;
    }

    public Misbehaviours noDlr(boolean on) {
        this.noDlr = on;
        return this;
    }

    /**
     * Switches one setting by its name, as the control API and CLI flags give it: a number for throttle
     * (every n-th) and slow-resp (ms), true/false/on/off for the others.
     */
    public Misbehaviours set(String name, String value) {
        switch (name) {
            case THROTTLE -> throttleEvery(number(name, value));
            case SLOW_RESP -> slowRespMs(number(name, value));
            case DUPLICATE_DELIVER -> duplicateDeliver(flag(name, value));
            case REFUSE_BIND -> refuseBind(flag(name, value));
            case NO_DLR -> noDlr(flag(name, value));
            default -> throw new IllegalArgumentException("unknown setting '" + name + "'; settings: " + settings().keySet()
                    + ", actions: [" + DROP_LINK + ", " + UNBIND + ", " + GARBLE_PDU + "]");
        }
        return this;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got '" + value + "'");
        }
    }

    private static boolean flag(String name, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException(name + " takes true or false, got '" + value + "'");
        };
    }

    /** The switchable settings and their current values, for the control API and the web phone. */
    public Map<String, Object> settings() {
        Map<String, Object> now = new LinkedHashMap<>();
        now.put(THROTTLE, throttleEvery);
        now.put(SLOW_RESP, slowRespMs);
        now.put(DUPLICATE_DELIVER, duplicateDeliver);
        now.put(REFUSE_BIND, refuseBind);
        now.put(NO_DLR, noDlr);
        return now;
    }
}
