package id.betang.menus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a screen and the dialogue's values into the pages a phone shows. Content longer than one screen
 * is paged with the menu's "more" line (99), never cut; the navigation line (0 back, 00 home) goes on the
 * last page of info screens and of every menu but the start.
 */
public final class Renderer {

    private final MenuTree tree;
    private final ScreenLimits limits;

    public Renderer(MenuTree tree, ScreenLimits limits) {
        this.tree = tree;
        this.limits = limits;
    }

    /** @param notice a short line shown above the screen, e.g. "wrong choice"; null for none */
    public List<String> pages(Screen screen, DialogueState state, String notice) {
        String lang = state.lang();
        List<String> lines = lines(screen, state, notice);
        boolean navigable = screen instanceof Screen.Info
                || (screen instanceof Screen.Menu && !screen.id().equals(tree.start()));
        String footer = navigable ? tree.system("nav", lang) : null;
        return paginate(lines, footer, tree.system("more", lang));
    }

    /** The screen's whole content on one page, without navigation: what an SMS carries. */
    public String whole(Screen screen, DialogueState state) {
        return String.join("\n", lines(screen, state, null));
    }

    private List<String> lines(Screen screen, DialogueState state, String notice) {
        String lang = state.lang();
        Template template = new Template(tree, lang);
        List<String> lines = new ArrayList<>();
        if (notice != null) {
            lines.add(notice);
        }
        Optional<Text> item = Optional.empty();
        if (screen instanceof Screen.Input input) {
            item = input.item();
        } else if (screen instanceof Screen.Info info) {
            item = info.item();
        }
        String body = template.fill(text(screen).in(lang, tree.defaultLanguage()), state.values(), item.orElse(null));
        // a line left empty (e.g. by a missing optional value) would waste one of the few lines a phone has
        body.lines().filter(line -> !line.isBlank()).forEach(lines::add);
        if (screen instanceof Screen.Menu menu) {
            for (Screen.Option option : menu.options()) {
                if (option.visibleTo(state.audience())) {
                    lines.add(option.key() + " " + template.fill(option.text().in(lang, tree.defaultLanguage()),
                            state.values(), null));
                }
            }
        }
        return lines;
    }

    static Text text(Screen screen) {
        if (screen instanceof Screen.Menu m) {
            return m.text();
        } else if (screen instanceof Screen.Input i) {
            return i.text();
        } else if (screen instanceof Screen.Info i) {
            return i.text();
        } else if (screen instanceof Screen.End e) {
            return e.text();
        }
        throw new IllegalArgumentException("an action screen is never shown: " + screen.id());
    }

    /**
     * Pages the lines. The navigation hint (footer) is optional: 0 and 00 work without it, so it is left out
     * when it alone would need another screen. Content is never cut.
     */
    List<String> paginate(List<String> lines, String footer, String more) {
        // one non-GSM character anywhere decides the unit for every page of this screen
        int capacity = limits.capacityFor(join(lines, footer) + more);
        int reserve = limits.cost("\n" + more);
        List<String> chunks = new ArrayList<>();
        for (String line : lines) {
            chunks.addAll(split(line, capacity - reserve));
        }
        List<String> pages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<String> rest = new ArrayList<>(current);
            rest.addAll(chunks.subList(i, chunks.size()));
            Optional<String> last = lastPage(rest, footer, capacity);
            if (last.isPresent()) {
                pages.add(last.get());
                return pages;
            }
            List<String> candidate = new ArrayList<>(current);
            candidate.add(chunks.get(i));
            if (limits.cost(join(candidate, more)) <= capacity) {
                current = candidate;
            } else {
                pages.add(join(current, more));
                current = new ArrayList<>(List.of(chunks.get(i)));
            }
        }
        pages.add(lastPage(current, footer, capacity).orElseGet(() -> join(List.of(), footer)));
        return pages;
    }

    private Optional<String> lastPage(List<String> rest, String footer, int capacity) {
        String withFooter = join(rest, footer);
        if (limits.cost(withFooter) <= capacity) {
            return Optional.of(withFooter);
        }
        String bare = join(rest, null);
        return limits.cost(bare) <= capacity ? Optional.of(bare) : Optional.empty();
    }

    /** Splits one over-long line at spaces (or hard, for a space-less run) into pieces that fit. */
    private List<String> split(String line, int room) {
        List<String> pieces = new ArrayList<>();
        String rest = line;
        while (limits.cost(rest) > room) {
            int cut = rest.length();
            while (cut > 0 && limits.cost(rest.substring(0, cut)) > room) {
                cut--;
            }
            int space = rest.lastIndexOf(' ', cut);
            int at = space > 0 ? space : Math.max(cut, 1);
            pieces.add(rest.substring(0, at).stripTrailing());
            rest = rest.substring(at).stripLeading();
        }
        pieces.add(rest);
        return pieces;
    }

    private static String join(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        if (last != null) {
            all.add(last);
        }
        return String.join("\n", all);
    }
}
