package id.betang.gateway.registry;

/**
 * Why the registry gave no answer, in the terms a dialogue acts on: the resident (or agent) is not there,
 * the registry refused the request, or the registry cannot be reached now (down, slow, 5xx, circuit open).
 */
public final class RegistryProblem extends RuntimeException {

    public enum Kind { NOT_FOUND, REJECTED, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final int httpStatus;
    private final boolean problemDetails;

    RegistryProblem(Kind kind, String code, String detail) {
        this(kind, code, detail, 0, false);
    }

    RegistryProblem(Kind kind, String code, String detail, int httpStatus, boolean problemDetails) {
        super(kind + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail), null, false, false);
        this.kind = kind;
        this.code = code;
        this.httpStatus = httpStatus;
        this.problemDetails = problemDetails;
    }

    /** 401 or 403: the registry refused our credentials, not the request; nothing the request can fix. */
    public boolean credentialsRefused() {
        return httpStatus == 401 || httpStatus == 403;
    }

    /** 400, 409 or 422 with problem details: the registry refused this very request, as it stands. */
    public boolean refusesTheRequest() {
        return problemDetails && (httpStatus == 400 || httpStatus == 409 || httpStatus == 422);
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
