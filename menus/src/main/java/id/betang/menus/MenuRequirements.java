package id.betang.menus;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a program serving a menu names in its code: screens it opens or reads, system texts it sends (SMS
 * replies, follow-ups), and outcomes it produces or reads per action. The validator checks a menu against
 * them, so a menu that lacks one fails to load, naming it, instead of a resident getting "busy" later.
 * The menus module knows nothing of that program: it is handed these.
 */
public record MenuRequirements(Set<String> screens, Set<String> systemTexts, Map<String, Set<String>> outcomes) {

    public static final MenuRequirements NONE = new MenuRequirements(Set.of(), Set.of(), Map.of());

    public MenuRequirements {
        screens = Set.copyOf(screens);
        systemTexts = Set.copyOf(systemTexts);
        outcomes = Map.copyOf(outcomes);
    }

    public static MenuRequirements screens(String... ids) {
        return new MenuRequirements(Set.of(ids), Set.of(), Map.of());
    }

    public static MenuRequirements systemTexts(String... keys) {
        return new MenuRequirements(Set.of(), Set.of(keys), Map.of());
    }

    public static MenuRequirements outcomes(String action, String... outcomes) {
        return new MenuRequirements(Set.of(), Set.of(), Map.of(action, Set.of(outcomes)));
    }

    /** Both sets of requirements. */
    public MenuRequirements and(MenuRequirements other) {
        Set<String> allScreens = new TreeSet<>(screens);
        allScreens.addAll(other.screens);
        Set<String> allTexts = new TreeSet<>(systemTexts);
        allTexts.addAll(other.systemTexts);
        Map<String, Set<String>> allOutcomes = new TreeMap<>();
        outcomes.forEach((action, named) -> allOutcomes.computeIfAbsent(action, a -> new TreeSet<>()).addAll(named));
        other.outcomes.forEach((action, named) -> allOutcomes.computeIfAbsent(action, a -> new TreeSet<>()).addAll(named));
        allOutcomes.replaceAll((action, named) -> Set.copyOf(named));
        return new MenuRequirements(allScreens, allTexts, allOutcomes);
    }
}
