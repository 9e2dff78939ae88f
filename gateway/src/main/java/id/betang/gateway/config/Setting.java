package id.betang.gateway.config;

/**
 * One configuration key: its dotted name in the YAML file (smpp.port → {@code smpp: {port: ...}}), the
 * environment variable that overrides it, and its default (null = required).
 */
public record Setting(String key, String env, String defaultValue) {

    public static Setting required(String key, String env) {
        return new Setting(key, env, null);
    }

    public static Setting optional(String key, String env, String defaultValue) {
        return new Setting(key, env, defaultValue);
    }

    String describe() {
        return key + " (" + env + ")";
    }
}
