package id.betang.menus;

import java.util.Map;
import java.util.Set;

/**
 * The actions a menu may name, with every outcome each can produce. The gateway implements them; the
 * validator makes sure a menu handles every outcome, so no dialogue can end up on a missing screen.
 */
public record ActionCatalog(Map<String, Set<String>> outcomesByAction) {

    /** Every action can fail to answer in time or find its backend down. */
    public static final String UNAVAILABLE = "unavailable";
    /** The registry is slower than the step budget: the answer follows by SMS. */
    public static final String LATER = "later";
    /** The registry is down: the last answer it gave, kept for a while, stamped with its date. */
    public static final String CACHED = "cached";
    /** Switches the dialogue to its {@code lang} param: how the language screen offers each language. */
    public static final String LANGUAGE = "session.language";

    public static final ActionCatalog DEFAULT = new ActionCatalog(Map.ofEntries(
            Map.entry("registry.status", Set.of("ok", CACHED, "not_found", "verify", "locked", "limited", LATER, UNAVAILABLE)),
            Map.entry("registry.schedule", Set.of("ok", CACHED, "none", "not_found", "verify", "locked", "limited", LATER, UNAVAILABLE)),
            // the card's last 6 digits
            Map.entry("registry.verify", Set.of("ok", "wrong", "locked", UNAVAILABLE)),
            // a one-time code by SMS to a household phone, and the code typed back
            Map.entry("identity.code.send", Set.of("ok", "locked", "limited", UNAVAILABLE)),
            Map.entry("identity.code.check", Set.of("ok", "wrong", "expired", "locked", UNAVAILABLE)),
            Map.entry("registry.markets", Set.of("ok", "none", UNAVAILABLE)),
            Map.entry("complaint.file", Set.of("ok", "limited", LATER, UNAVAILABLE)),
            Map.entry("complaint.status", Set.of("ok", "not_found", "not_yours", UNAVAILABLE)),
            // the outcome names the step where the draft stopped
            Map.entry("complaint.draft", Set.of("category", "nik", "district", "village", "text", UNAVAILABLE)),
            Map.entry("complaint.discard", Set.of("ok", UNAVAILABLE)),
            Map.entry(LANGUAGE, Set.of("ok", UNAVAILABLE)),
            // ok: confirmed (now or earlier in the dialogue); verify: ask the PIN
            Map.entry("agent.pin", Set.of("ok", "verify", "wrong", "locked", UNAVAILABLE))));

    public ActionCatalog {
        outcomesByAction = Map.copyOf(outcomesByAction);
    }

    public boolean knows(String action) {
        return outcomesByAction.containsKey(action);
    }

    public Set<String> outcomes(String action) {
        return outcomesByAction.getOrDefault(action, Set.of());
    }
}
