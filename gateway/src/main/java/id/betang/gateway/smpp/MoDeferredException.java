package id.betang.gateway.smpp;

/**
 * An MO that could not be stored in time: answered ESME_RX_T_APPN (temporary), so the SMSC delivers it again
 * later instead of taking it as received.
 */
public final class MoDeferredException extends Exception {

    /** SMPP's "ESME receiver temporary application error". */
    static final int ESME_RX_T_APPN = 0x00000064;

    public MoDeferredException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
