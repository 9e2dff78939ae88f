package id.betang.gateway.complaint;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in QuietMapper.xml beside this interface's package in resources. */
public interface QuietMapper {

    /** Open complaints with no status change for {@code quietS} seconds and no quiet SMS within that time. */
    List<Complaint> due(@Param("quietS") long quietSeconds, @Param("limit") int limit);

    /** @return 1 when this instance takes the SMS of this period (the same condition, re-checked), else 0 */
    int take(@Param("ticketId") String ticketId, @Param("quietS") long quietSeconds);

    long countQuiet(@Param("quietS") long quietSeconds);
}
