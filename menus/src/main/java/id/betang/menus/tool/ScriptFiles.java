package id.betang.menus.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The transcript files {@code try --script} names: plain paths (the shell may already have expanded a glob)
 * and globs such as {@code 'transcripts/*.txt'} or {@code 'transcripts/**.txt'}, quoted so the shell left
 * them alone (and so they work on shells that do not expand). Each file once, in the order given; a glob's
 * matches sorted by name.
 */
final class ScriptFiles {

    private ScriptFiles() {
    }

    static List<Path> expand(List<String> arguments) {
        Set<Path> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            List<Path> matched = isGlob(argument) ? matches(argument) : List.of(Path.of(argument));
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("--script '" + argument + "' matches no file");
            }
            for (Path file : matched) {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--script " + file + ": no such file");
                }
                files.add(file.normalize());
            }
        }
        return List.copyOf(files);
    }

    private static boolean isGlob(String argument) {
        return firstWildcard(argument) >= 0;
    }

    private static int firstWildcard(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            if ("*?[{".indexOf(argument.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Walks from the glob's literal leading directories, only as deep as its pattern reaches. */
    private static List<Path> matches(String glob) {
        String directory = glob.substring(0, glob.lastIndexOf('/', firstWildcard(glob)) + 1);  // "", "a/b/" or "/"
        String pattern = glob.substring(directory.length());
        Path base = Path.of(directory.isEmpty() ? "." : directory);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/").length;
        PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(Files::isRegularFile)
                    .map(base::relativize)
                    .filter(matcher::matches)
                    .map(relative -> directory.isEmpty() ? relative : base.resolve(relative))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
