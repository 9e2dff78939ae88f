package id.betang.menus.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import id.betang.menus.ActionCatalog;
import id.betang.menus.MenuError;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuRequirements;
import id.betang.menus.ScreenLimits;

/**
 * Checks menu files and prints every problem as {@code file:line: screen 'id' problem}. Plain Java, no CLI
 * library, so the gateway's jar can run it with what the gateway's code names in a menu
 * ({@code java -jar betang-gateway.jar lint FILE...}) as well as {@code betang-menus.jar lint}.
 */
public final class MenuLint {

    private final ScreenLimits limits;
    private final MenuRequirements required;

    public MenuLint(ScreenLimits limits, MenuRequirements required) {
        this.limits = limits;
        this.required = required;
    }

    /** Every error and warning in one menu text; its tree when there are no errors (what the gateway publishes). */
    public MenuLoader.Result check(String source, String yaml) {
        return new MenuLoader(ActionCatalog.DEFAULT, limits, required).check(source, new StringReader(yaml));
    }

    /** @return 0 when valid, 1 when a file has errors (or warnings, when strict) */
    public int run(List<Path> files, boolean strict, PrintWriter findings, PrintWriter summary) throws IOException {
        int errors = 0;
        int warnings = 0;
        for (Path file : files) {
            MenuLoader.Result result = check(file.toString(), Files.readString(file));
            for (MenuError e : result.errors()) {
                findings.println(e);
                if (e.warning()) {
                    warnings++;
                } else {
                    errors++;
                }
            }
        }
        boolean failed = errors > 0 || (strict && warnings > 0);
        (failed ? findings : summary).println(files.size() + " file(s): " + errors + " error(s), " + warnings + " warning(s)");
        findings.flush();
        summary.flush();
        return failed ? 1 : 0;
    }
}
