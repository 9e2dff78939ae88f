package id.betang.gateway.action;

/**
 * The action outcomes the gateway's code produces or reads, by name. Each capability lists the ones it
 * names in its {@code REQUIRES}, checked against the action catalogue when the menu loads; the rest
 * ({@code unavailable}, {@code later}, {@code cached}) are {@link id.betang.menus.ActionCatalog}'s own.
 */
public final class Outcome {

    public static final String OK = "ok";
    public static final String NONE = "none";
    public static final String NOT_FOUND = "not_found";
    public static final String NOT_YOURS = "not_yours";
    public static final String VERIFY = "verify";
    public static final String WRONG = "wrong";
    public static final String LOCKED = "locked";
    public static final String LIMITED = "limited";
    /** a one-time code asked for is no longer valid (5 minutes, or its tries used up) */
    public static final String EXPIRED = "expired";

    private Outcome() {
    }
}
