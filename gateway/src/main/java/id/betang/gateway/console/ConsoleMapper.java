package id.betang.gateway.console;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in ConsoleMapper.xml beside this interface's package in resources. */
public interface ConsoleMapper {

    OperatorDesk.Waiting outboxWaiting();

    List<OperatorDesk.FailedSms> failedSms(@Param("limit") int limit);

    /** @return 1 when the row was FAILED and is queued again, 0 when it was not (any more) FAILED */
    int requeueSms(@Param("id") long id);

    List<OperatorDesk.Attention> attention(@Param("limit") int limit);

    /** @return 1 when the complaint was in ATTENTION and is due for the relay again, else 0 */
    int retryComplaint(@Param("ticketId") String ticketId);

    void record(@Param("operator") String operator, @Param("action") String action, @Param("target") String target,
                @Param("outcome") String outcome);

    List<OperatorDesk.Action> recentActions(@Param("limit") int limit);
}
