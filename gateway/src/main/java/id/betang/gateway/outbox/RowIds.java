package id.betang.gateway.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Outbox row ids written into a statement as {@code IN (${ids})}. Binding thousands of ids one parameter at a
 * time (a MyBatis foreach) cost the sender more CPU than sending the SMS; ids are longs, so their text is all
 * digits and commas and nothing a caller passes can change the statement.
 */
final class RowIds {

    /** Ids per statement: a few KB of SQL, and a statement that locks a bounded number of rows. */
    static final int PER_STATEMENT = 500;

    private final String sql;

    private RowIds(String sql) {
        this.sql = sql;
    }

    /** @param ids not empty (an empty IN list is not SQL) */
    static RowIds of(Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no row ids");
        }
        return new RowIds(ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** {@code ids} in lists of at most {@link #PER_STATEMENT}, one statement each; none for none. */
    static List<RowIds> chunks(List<Long> ids) {
        List<RowIds> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PER_STATEMENT) {
            chunks.add(of(ids.subList(from, Math.min(ids.size(), from + PER_STATEMENT))));
        }
        return chunks;
    }

    @Override
    public String toString() {
        return sql;
    }
}
