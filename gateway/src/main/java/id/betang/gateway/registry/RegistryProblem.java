package id.betang.gateway.registry;

/**
 * Why the registry gave no answer, in the terms a dialogue acts on: the resident (or agent) is not there,
 * the registry refused the request, or the registry cannot be reached now (down, slow, 5xx, circuit open).
 */
public final class RegistryProblem extends RuntimeException {

    public enum Kind { NOT_FOUND, REJECTED, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    RegistryProblem(Kind kind, String code, String detail) {
        super(kind + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail), null, false, false);
        this.kind = kind;
        this.code = code;
    }

    static RegistryProblem unavailable(String detail) {
        return new RegistryProblem(Kind.UNAVAILABLE, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The registry's machine-readable code (e.g. RESIDENT_NOT_FOUND), when it sent one. */
    public String code() {
        return code;
    }

    public static boolean isNotFound(Throwable t) {
        return t instanceof RegistryProblem p && p.kind == Kind.NOT_FOUND;
    }

    public static boolean isUnavailable(Throwable t) {
        return t instanceof RegistryProblem p && p.kind == Kind.UNAVAILABLE;
    }
}
