package id.betang.simulator.chaos;

import java.util.List;
import java.util.Locale;

/**
 * What one fault did to the traffic, as the suite prints it.
 *
 * @param acked               MO the SMSC got deliver_sm_resp OK for
 * @param stored              of those, complaints in MySQL
 * @param duplicates          submit_sm repeats of notifications (at-least-once, allowed, printed)
 * @param duplicateComplaints MO with more than one ticket, or sent to the registry under two keys
 * @param mtSent              notifications answered 2xx and submitted to the SMSC
 * @param mtLost              notifications answered 2xx and never submitted
 * @param drainSeconds        from the fault's end until every acked MO reached the registry and every
 *                            accepted notification was submitted; negative when that never happened
 * @param ussdDials           USSD dials made while a store was down; 0 when not probed
 * @param examples            a few tokens of lost MO and of complaints filed twice, to look them up in the logs
 */
record FaultReport(String fault, int acked, int stored, int duplicates, int duplicateComplaints, int mtAccepted,
                   int mtSent, int mtLost, double drainSeconds, long moRedelivered, int moGivenUp, int ussdDials,
                   int ussdUnanswered, String examples) {

    int lost() {
        return acked - stored;
    }

    boolean drained() {
        return drainSeconds >= 0;
    }

    String line() {
        String line = String.format(Locale.ROOT, "fault=%s acked=%d stored=%d lost=%d duplicates=%d mt_sent=%d mt_lost=%d "
                        + "drain_s=%s duplicate_complaints=%d mt_accepted=%d mo_redelivered=%d mo_given_up=%d", fault, acked,
                stored, lost(), duplicates, mtSent, mtLost, drain(drainSeconds), duplicateComplaints, mtAccepted,
                moRedelivered, moGivenUp);
        return ussdDials == 0 ? line : line + " ussd_dials=" + ussdDials + " ussd_unanswered=" + ussdUnanswered;
    }

    /** A comment line naming a few lost and twice-filed MO; empty when there are none. */
    String details() {
        return examples.isEmpty() ? "" : "# " + fault + ": " + examples;
    }

    /** The suite's last line: the sums, and the longest drain (timeout if any fault never drained). */
    static String summary(List<FaultReport> reports) {
        boolean allDrained = reports.stream().allMatch(FaultReport::drained);
        double longest = reports.stream().mapToDouble(FaultReport::drainSeconds).max().orElse(0);
        return String.format(Locale.ROOT, "faults=%d acked=%d lost=%d duplicate_complaints=%d mt_lost=%d drain_s=%s",
                reports.size(), reports.stream().mapToInt(FaultReport::acked).sum(),
                reports.stream().mapToInt(FaultReport::lost).sum(),
                reports.stream().mapToInt(FaultReport::duplicateComplaints).sum(),
                reports.stream().mapToInt(FaultReport::mtLost).sum(), drain(allDrained ? longest : -1));
    }

    private static String drain(double seconds) {
        return seconds < 0 ? "timeout" : String.format(Locale.ROOT, "%.1f", seconds);
    }
}
