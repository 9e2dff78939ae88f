package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

import com.mysql.cj.exceptions.StatementIsClosedException;

/** Which failures make the store run a whole unit again: those a retry can get past, and no others. */
class TransientFailureTest {

    @Test
    void aStatementTheDriverClosedWhenItsNodeDiedIsRetried() {
        // as GaleraIT once saw it with a node killed mid-write, wrapped by the driver and by MyBatis
        SQLException driver = new SQLException("No operations allowed after statement closed.", "S1009", 0,
                new StatementIsClosedException("No operations allowed after statement closed."));
        assertTrue(Database.transientFailure(new PersistenceException("### Error updating database", driver)));
    }

    @Test
    void deadlocksCertificationConflictsAndLostConnectionsAreRetried() {
        assertTrue(Database.transientFailure(new PersistenceException(new SQLException("Deadlock found", "40001", 1213))));
        assertTrue(Database.transientFailure(new SQLException("WSREP has not yet prepared node", "08S01", 1047)));
        assertTrue(Database.transientFailure(new SQLException("Communications link failure", "08S01", 0)));
    }

    @Test
    void aUnitThatIsWrongIsNotRunAgain() {
        assertFalse(Database.transientFailure(new PersistenceException(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062))));
        assertFalse(Database.transientFailure(new SQLException("Unknown column", "42S22", 1054)));
        assertFalse(Database.transientFailure(new IllegalStateException("a bug of ours")));
    }
}
