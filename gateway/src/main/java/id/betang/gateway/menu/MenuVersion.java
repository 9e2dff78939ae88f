package id.betang.gateway.menu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;

import id.betang.menus.Engine;

/**
 * One menu version the gateway can serve: its engine, and which version it is. The checksum names it in every
 * saved session, in /ready, the metric and the console; {@code id} 0 is the menu bundled in the jar.
 */
public record MenuVersion(long id, String checksum, String publishedBy, LocalDateTime publishedAt, Engine engine) {

    public static final long BUNDLED = 0;

    /** What the database says of a version, without its YAML. */
    public record Stamp(long id, String checksum, String publishedBy, LocalDateTime publishedAt) { }

    /** A version about to be published. */
    public record Draft(String checksum, String yaml, String publishedBy) { }

    public static MenuVersion bundled(String yaml, Engine engine) {
        return new MenuVersion(BUNDLED, checksum(yaml), "bundled", null, engine);
    }

    static MenuVersion of(Stamp stamp, Engine engine) {
        return new MenuVersion(stamp.id(), stamp.checksum(), stamp.publishedBy(), stamp.publishedAt(), engine);
    }

    /** SHA-256 of the YAML text, short: enough to tell a handful of versions apart in a session of a few bytes. */
    public static String checksum(String yaml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bundled} or {@code v3}: the version's name in /ready and the metric. */
    public String name() {
        return id == BUNDLED ? "bundled" : "v" + id;
    }

    /** How an operator sees it: {@code sha256:… (v3, ana@10.0.0.5, 2026-12-02T06:50)} or {@code sha256:… (bundled)}. */
    public String label() {
        return id == BUNDLED ? checksum + " (bundled)"
                : checksum + " (" + name() + ", " + publishedBy + ", " + publishedAt.withNano(0) + ")";
    }
}
