package id.betang.gateway.audit;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in DisclosureMapper.xml beside this interface's package in resources. */
public interface DisclosureMapper {

    void insert(List<Disclosure> rows);

    /** Every disclosure about one NIK, oldest first: the answer to "who looked at my data". */
    List<Disclosure> about(@Param("nikHash") String nikHash);
}
