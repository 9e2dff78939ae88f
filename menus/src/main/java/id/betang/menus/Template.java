package id.betang.menus;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} and {@code {name|filter}} from a dialogue's values. Filters: {@code money}
 * (Rp600.000), {@code date} (12 Des 2026, month names from the menu's {@code month} labels), {@code mask}
 * (6271********0003), {@code brackets} (" (reason)" when there is one, nothing otherwise), or the name
 * of a label table ({@code {status|status}} → "Aktif"). A missing value fills as nothing, and a line whose
 * values are all missing is left out (no bare "NIK" label without a NIK). A list value is
 * written one element per line through the screen's item template, where {@code {#}} is the position.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([#\\w.]+)(?:\\|(\\w+))?}");

    private final MenuTree tree;
    private final String lang;

    public Template(MenuTree tree, String lang) {
        this.tree = tree;
        this.lang = lang;
    }

    public String fill(String template, Map<String, ?> values, Text itemTemplate) {
        List<String> kept = new java.util.ArrayList<>();
        for (String line : template.split("\n", -1)) {
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder filledLine = new StringBuilder();
            int placeholders = 0;
            int empty = 0;
            while (m.find()) {
                Object value = values.get(m.group(1));
                String filled;
                if (value instanceof List<?> list) {
                    filled = list(list, itemTemplate);
                } else {
                    filled = value == null ? "" : filter(String.valueOf(value), m.group(2));
                }
                placeholders++;
                empty += filled.isEmpty() ? 1 : 0;
                m.appendReplacement(filledLine, Matcher.quoteReplacement(filled));
            }
            m.appendTail(filledLine);
            // a line that only labels missing values ("NIK {nik|mask}" without a NIK) is left out
            if (placeholders > 0 && empty == placeholders) {
                continue;
            }
            kept.add(filledLine.toString());
        }
        return String.join("\n", kept);
    }

    private String list(List<?> items, Text itemTemplate) {
        String each = itemTemplate == null ? "{#}" : itemTemplate.in(lang, tree.defaultLanguage());
        StringBuilder lines = new StringBuilder();
        int position = 1;
        for (Object item : items) {
            Map<String, Object> fields = new java.util.HashMap<>();
            if (item instanceof Map<?, ?> map) {
                map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            }
            fields.put("#", String.valueOf(position++));
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(fill(each, fields, null));
        }
        return lines.toString();
    }

    String filter(String value, String filter) {
        if (filter == null) {
            return value;
        }
        switch (filter) {
            case "money":
                return money(value);
            case "date":
                return date(value);
            case "mask":
                return NikShape.mask(value);
            case "brackets":
                return value.isBlank() ? "" : " (" + value + ")";
            default:
                return tree.label(filter, value, lang).orElse(value);
        }
    }

    /** {@code 600000} → {@code Rp600.000}: dot thousands, no decimals, as on Indonesian receipts. */
    static String money(String rupiah) {
        if (!rupiah.matches("\\d+")) {
            return rupiah;
        }
        StringBuilder digits = new StringBuilder(rupiah.replaceFirst("^0+(?=\\d)", ""));
        for (int i = digits.length() - 3; i > 0; i -= 3) {
            digits.insert(i, '.');
        }
        return "Rp" + digits;
    }

    /** ISO {@code 2026-12-12} → {@code 12 Des 2026}; anything else is shown as it came. */
    private String date(String iso) {
        if (!iso.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return iso;
        }
        String month = tree.label("month", iso.substring(5, 7), lang).orElse(iso.substring(5, 7));
        return Integer.parseInt(iso.substring(8, 10)) + " " + month + " " + iso.substring(0, 4);
    }
}
