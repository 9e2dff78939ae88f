package id.betang.gateway.smpp;

import java.util.Map;

/** Readable names of SMPP 3.4 command_status values, for log lines an integration engineer can act on. */
public final class SmppStatus {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "ESME_ROK"), Map.entry(0x01, "ESME_RINVMSGLEN"), Map.entry(0x02, "ESME_RINVCMDLEN"),
            Map.entry(0x03, "ESME_RINVCMDID"), Map.entry(0x04, "ESME_RINVBNDSTS"), Map.entry(0x05, "ESME_RALYBND"),
            Map.entry(0x08, "ESME_RSYSERR"), Map.entry(0x0A, "ESME_RINVSRCADR"), Map.entry(0x0B, "ESME_RINVDSTADR"),
            Map.entry(0x0C, "ESME_RINVMSGID"), Map.entry(0x0D, "ESME_RBINDFAIL"), Map.entry(0x0E, "ESME_RINVPASWD"),
            Map.entry(0x0F, "ESME_RINVSYSID"), Map.entry(0x14, "ESME_RMSGQFUL"), Map.entry(0x15, "ESME_RINVSERTYP"),
            Map.entry(0x45, "ESME_RSUBMITFAIL"), Map.entry(0x53, "ESME_RINVSYSTYP"), Map.entry(0x58, "ESME_RTHROTTLED"),
            Map.entry(0x61, "ESME_RINVSCHED"), Map.entry(0x62, "ESME_RINVEXPIRY"), Map.entry(0x64, "ESME_RX_T_APPN"),
            Map.entry(0x65, "ESME_RX_P_APPN"), Map.entry(0x66, "ESME_RX_R_APPN"), Map.entry(0xC0, "ESME_RINVOPTPARSTREAM"),
            Map.entry(0xC1, "ESME_ROPTPARNOTALLWD"), Map.entry(0xC2, "ESME_RINVPARLEN"), Map.entry(0xC3, "ESME_RMISSINGOPTPARAM"),
            Map.entry(0xC4, "ESME_RINVOPTPARAMVAL"), Map.entry(0xFE, "ESME_RDELIVERYFAILURE"), Map.entry(0xFF, "ESME_RUNKNOWNERR"));

    private SmppStatus() {
    }

    /** e.g. {@code ESME_RTHROTTLED (0x58)}. */
    public static String describe(int status) {
        return NAMES.getOrDefault(status, "status") + " (0x" + Integer.toHexString(status) + ")";
    }

    /** "Slow down and try again" answers, and transient SMSC trouble: the message is retried. */
    public static boolean isTransient(int status) {
        return status == 0x58 || status == 0x14 || status == 0x08 || status == 0x64 || status == 0x45;
    }

    public static boolean isThrottle(int status) {
        return status == 0x58 || status == 0x14;
    }
}
