package id.betang.menus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a screen and the dialogue's values into the pages a phone shows. Content longer than one screen
 * is paged with the menu's "more" line (99), never cut; the navigation line (0 back, 00 home) always ends
 * the last page of info screens and of every menu but the start.
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
        // a menu's options stay together with the hint on the last page when they have to move
        int together = screen instanceof Screen.Menu menu
                ? (int) menu.options().stream().filter(o -> o.visibleTo(state.audience())).count() : 1;
        return paginate(lines, footer, tree.system("more", lang), together);
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
     * Pages the lines. The navigation hint (footer) always ends the last page, so every screen that can be
     * left with 0 or 00 says so. Content is never cut.
     */
    List<String> paginate(List<String> lines, String footer, String more, int together) {
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
                continue;
            }
            // a long text (a description offered back) fills the page rather than leave its title alone on it
            Optional<String> head = current.isEmpty() || limits.cost(chunks.get(i)) <= capacity / 2 ? Optional.empty()
                    : headThatFits(chunks.get(i), capacity - limits.cost(join(current, more)) - 1);
            if (head.isPresent()) {
                current.add(head.get());
                pages.add(join(current, more));
                current = new ArrayList<>();
                chunks.set(i, chunks.get(i).substring(head.get().length()).stripLeading());
                i--;  // the rest of the line starts the next page
            } else {
                pages.add(join(current, more));
                current = new ArrayList<>(List.of(chunks.get(i)));
            }
        }
        Optional<String> last = lastPage(current, footer, capacity);
        for (int moved = Math.min(together, current.size() - 1); last.isEmpty() && moved > 0; moved--) {
            // the hint needs room: the last lines (a menu's options) go over to the last page with it
            List<String> kept = current.subList(0, current.size() - moved);
            List<String> over = current.subList(current.size() - moved, current.size());
            Optional<String> withHint = lastPage(over, footer, capacity);
            if (withHint.isPresent()) {
                pages.add(join(kept, more));
                last = withHint;
            }
        }
        if (last.isEmpty()) {
            pages.add(join(current, more));
            last = Optional.of(join(List.of(), footer));
        }
        pages.add(last.get());
        return pages;
    }

    /** The longest start of the line, cut at a space, that costs at most {@code room}; empty when no word fits. */
    private Optional<String> headThatFits(String line, int room) {
        int space = line.indexOf(' ');
        int best = -1;
        while (space > 0 && limits.cost(line.substring(0, space)) <= room) {
            best = space;
            space = line.indexOf(' ', space + 1);
        }
        return best > 0 ? Optional.of(line.substring(0, best)) : Optional.empty();
    }

    /** The remaining lines as the last page, with the navigation hint (never dropped: it says how to go back). */
    private Optional<String> lastPage(List<String> rest, String footer, int capacity) {
        String withFooter = join(rest, footer);
        return limits.cost(withFooter) <= capacity ? Optional.of(withFooter) : Optional.empty();
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
