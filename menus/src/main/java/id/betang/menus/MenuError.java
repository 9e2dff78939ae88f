package id.betang.menus;

/** One problem in a menu file, located precisely enough to fix without searching. */
public record MenuError(String file, int line, String screen, String message, boolean warning) {

    @Override
    public String toString() {
        String where = screen == null ? "" : " screen '" + screen + "'";
        return file + ":" + line + ":" + where + (warning ? " warning: " : " ") + message;
    }
}
