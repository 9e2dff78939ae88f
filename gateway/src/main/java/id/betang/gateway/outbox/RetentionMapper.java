package id.betang.gateway.outbox;

import org.apache.ibatis.annotations.Param;

/**
 * SQL of the retention job, in RetentionMapper.xml beside this interface's package path. Every statement
 * touches at most {@code limit} rows older than {@code days} days (by the database's clock), and is idempotent.
 */
public interface RetentionMapper {

    /**
     * Empties the bodies of finished messages; the row and its status stay for the notifications API.
     * {@code scanDays}: when not null, rows older than that were emptied by an earlier pass and are not read.
     */
    int emptyBodies(@Param("days") int days, @Param("scanDays") Integer scanDays, @Param("limit") int limit);

    /** Parts (message ids and their receipts) submitted before the cutoff. */
    int deleteParts(@Param("days") int days, @Param("limit") int limit);

    /** Receipts that matched no part, received before the cutoff. */
    int deleteUnmatchedReceipts(@Param("days") int days, @Param("limit") int limit);

    /** Records of reminders for disbursement days past the cutoff: their only use, sending once, has ended. */
    int deleteEndedReminders(@Param("days") int days, @Param("limit") int limit);

    /** MO SMS processed (DONE) before the cutoff; rows still to be processed stay, however old. */
    int deleteDoneInbox(@Param("days") int days, @Param("limit") int limit);
}
