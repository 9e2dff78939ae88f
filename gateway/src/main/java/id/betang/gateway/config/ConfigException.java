package id.betang.gateway.config;

import java.util.List;

/** Start-up configuration is wrong; each problem names its key and environment variable. */
public final class ConfigException extends RuntimeException {

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
