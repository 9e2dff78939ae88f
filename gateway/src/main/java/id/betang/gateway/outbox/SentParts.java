package id.betang.gateway.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.apache.ibatis.exceptions.PersistenceException;

/**
 * Writes the parts the SMSC accepted (outbox_sms_part) in multi-row INSERTs on the recorder's transaction.
 * Plain JDBC, not a mapper statement: a MyBatis foreach binds each value through reflection and rebuilds the
 * statement's text row by row, which cost the recorder more CPU than everything else an SMS needs; here each
 * value is one setter call. A part already recorded (a retry after a lost commit) keeps its first id.
 */
final class SentParts {

    private static final int ROWS_PER_STATEMENT = 500;
    private static final String INSERT = "INSERT INTO outbox_sms_part (outbox_id, part_no, smsc_message_id) VALUES ";
    private static final String ON_DUPLICATE = " ON DUPLICATE KEY UPDATE outbox_id = outbox_id";

    /** One accepted part: its row, its number (from 1), the SMSC's message id in canonical form. */
    record Part(long outboxId, int partNo, String messageId) {
    }

    private SentParts() {
    }

    static void insert(Connection connection, List<Part> parts) {
        for (int from = 0; from < parts.size(); from += ROWS_PER_STATEMENT) {
            List<Part> chunk = parts.subList(from, Math.min(parts.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement insert = connection.prepareStatement(statement(chunk.size()))) {
                int i = 1;
                for (Part p : chunk) {
                    insert.setLong(i++, p.outboxId());
                    insert.setInt(i++, p.partNo());
                    insert.setString(i++, p.messageId());
                }
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new PersistenceException("could not record " + chunk.size() + " sent part(s)", e);
            }
        }
    }

    private static String statement(int rows) {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows * 10 + ON_DUPLICATE.length()).append(INSERT);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(?,?,?)" : ",(?,?,?)");
        }
        return sql.append(ON_DUPLICATE).toString();
    }
}
