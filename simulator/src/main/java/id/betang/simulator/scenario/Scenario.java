package id.betang.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One scripted journey, from YAML:
 * <pre>
 * name: Status from a household phone
 * phone: "6281234567890"
 * steps:
 *   - dial: "*777#"            # or send: "1", sms: "ADUAN …", hang: true, wait: 500 (ms),
 *     expect: "Kartu Huma"     #    misbehave: {name: slow-resp, value: 800}
 *   - send: "0"
 *     expect_end: true         # the dialogue ends here
 *   - sms: "CEK 6271031203900004"
 *     expect_sms: "Status 6271" # the next SMS to this phone contains this (waits up to 15 s)
 * </pre>
 * {@code expect} is a part of the screen text; {@code phone} may be changed per step.
 */
public record Scenario(String name, String file, String phone, List<Map<String, Object>> steps) {

    @SuppressWarnings("unchecked")
    public static Scenario read(Path file) throws IOException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("steps") instanceof List<?> steps)) {
            throw new IOException(file + ": a scenario is a mapping with 'name', 'phone' and a list of 'steps'");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object step : steps) {
            if (!(step instanceof Map<?, ?> m)) {
                throw new IOException(file + ": each step is a mapping, e.g. {dial: \"*777#\", expect: \"Kartu\"}");
            }
            list.add((Map<String, Object>) m);
        }
        Object name = top.get("name");
        Object phone = top.get("phone");
        return new Scenario(name == null ? file.getFileName().toString() : String.valueOf(name), file.toString(),
                phone == null ? "6281234567890" : String.valueOf(phone), list);
    }
}
