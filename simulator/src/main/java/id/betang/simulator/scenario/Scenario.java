package id.betang.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One scripted journey, from YAML (format and the rule that keeps scenarios repeatable: {@code scenarios/README.md}):
 * <pre>
 * name: Status from a household phone
 * phone: fresh                 # a new phone of this run (the default); or a sample phone, e.g. "6281234567890"
 * steps:
 *   - dial: "*777#"            # or send: "1", sms: "ADUAN …", hang: true, wait: 500 (ms),
 *     expect: "Kartu Huma"     #    misbehave: {name: slow-resp, value: 800}
 *   - send: "0"
 *     expect_end: true         # the dialogue ends here
 *   - sms: "CEK 6271031203900004"
 *     expect_sms: "Status 6271" # the next SMS to this phone contains this (waits up to 15 s)
 * </pre>
 * Read from the YAML node tree, so every mistake is reported with its file and line.
 */
public record Scenario(String name, String file, String phone, List<Step> steps) {

    /** A phone of this run only: {@code fresh}, {@code fresh2}, … (see {@link FreshPhones}). */
    static final Pattern FRESH = Pattern.compile("fresh\\d*");
    private static final Pattern MSISDN = Pattern.compile("62\\d{8,13}");
    private static final Pattern USSD_CODE = Pattern.compile("\\*[0-9*]+#");
    private static final Set<String> TOP_KEYS = Set.of("name", "phone", "steps");
    private static final List<String> ACTIONS = List.of("dial", "send", "send_code", "sms", "hang", "wait", "misbehave");
    private static final Set<String> STEP_KEYS = Set.of("dial", "send", "send_code", "sms", "hang", "wait", "misbehave", "phone",
            "expect", "expect_end", "expect_sms");
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    /** Resolves a phone as written in a scenario ({@code fresh}, or an MSISDN) to the MSISDN to use. */
    @FunctionalInterface
    interface PhoneBook {
        String msisdn(String written);
    }

    public static Scenario read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(file.toString(), reader);
        }
    }

    public static Scenario parse(String file, String yaml) throws IOException {
        return parse(file, new StringReader(yaml));
    }

    private static Scenario parse(String file, Reader reader) throws IOException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (YAMLException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        return new Parser(file).scenario(root);
    }

    /** Turns nodes into records; each error names the line of the node it is about. */
    private record Parser(String file) {

        Scenario scenario(Node root) throws IOException {
            if (!(root instanceof MappingNode top)) {
                throw error(root, "a scenario is a mapping with 'name', 'phone' and a list of 'steps'");
            }
            Map<String, Node> keys = keys(top, TOP_KEYS);
            String name = keys.containsKey("name") ? text(keys.get("name"), "name") : Path.of(file).getFileName().toString();
            String phone = keys.containsKey("phone") ? phone(keys.get("phone")) : "fresh";
            if (!(keys.get("steps") instanceof SequenceNode list) || list.getValue().isEmpty()) {
                throw error(keys.getOrDefault("steps", top), "'steps' is a list of at least one step");
            }
            List<Step> steps = new ArrayList<>();
            for (Node step : list.getValue()) {
                steps.add(step(step));
            }
            return new Scenario(name, file, phone, List.copyOf(steps));
        }

        Step step(Node node) throws IOException {
            if (!(node instanceof MappingNode m)) {
                throw error(node, "each step is a mapping, e.g. {dial: \"*777#\", expect: \"Kartu\"}");
            }
            Map<String, Node> keys = keys(m, STEP_KEYS);
            List<String> actions = ACTIONS.stream().filter(keys::containsKey).toList();
            if (actions.size() > 1) {
                throw error(m, "one action per step, this one has " + String.join(" and ", actions));
            }
            int line = line(m);
            String phone = keys.containsKey("phone") ? phone(keys.get("phone")) : null;
            Step.Expect expect = new Step.Expect(
                    keys.containsKey("expect") ? text(keys.get("expect"), "expect") : null,
                    keys.containsKey("expect_end") && bool(keys.get("expect_end"), "expect_end"),
                    keys.containsKey("expect_sms") ? text(keys.get("expect_sms"), "expect_sms") : null);
            if (actions.isEmpty()) {
                if (expect.sms() == null || expect.screenShown()) {
                    throw error(m, "a step does one of " + String.join(", ", ACTIONS) + ", or only waits for an SMS "
                            + "(expect_sms alone)");
                }
                return new Step.AwaitSms(line, phone, expect);
            }
            String action = actions.get(0);
            Node value = keys.get(action);
            if (expect.screenShown() && !action.equals("dial") && !action.equals("send") && !action.equals("send_code")) {
                throw error(m, "only dial, send and send_code show a screen: 'expect' and 'expect_end' do not go with '" + action + "'");
            }
            return switch (action) {
                case "dial" -> {
                    String code = text(value, "dial");
                    if (!USSD_CODE.matcher(code).matches()) {
                        throw error(value, "dial takes a USSD code like \"*777#\", not '" + code + "'");
                    }
                    yield new Step.Dial(line, phone, code, expect);
                }
                case "send" -> new Step.Send(line, phone, text(value, "send"), expect);
                case "send_code" -> new Step.SendCode(line, phone, phone(value), expect);
                case "sms" -> new Step.Sms(line, phone, text(value, "sms"), expect);
                case "hang" -> {
                    if (!bool(value, "hang")) {
                        throw error(value, "hang: true hangs up; leave the step out otherwise");
                    }
                    yield new Step.Hang(line, phone, expect);
                }
                case "wait" -> new Step.Wait(line, phone, millis(value), expect);
                case "misbehave" -> misbehave(line, phone, value, expect);
                default -> throw new IllegalStateException(action);
            };
        }

        private Step misbehave(int line, String phone, Node value, Step.Expect expect) throws IOException {
            if (!(value instanceof MappingNode m)) {
                throw error(value, "misbehave takes {name: NAME} or {name: NAME, value: VALUE}, e.g. {name: slow-resp, value: 800}");
            }
            Map<String, Node> keys = keys(m, Set.of("name", "value"));
            if (!keys.containsKey("name")) {
                throw error(m, "misbehave needs a name, e.g. drop-link or slow-resp");
            }
            String v = keys.containsKey("value") ? text(keys.get("value"), "value") : null;
            return new Step.Misbehave(line, phone, text(keys.get("name"), "name"), v, expect);
        }

        private Map<String, Node> keys(MappingNode m, Set<String> allowed) throws IOException {
            Map<String, Node> keys = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null || !allowed.contains(key)) {
                    throw error(t.getKeyNode(), "unknown key " + (key == null ? "(not a word)" : "'" + key + "'")
                            + "; known: " + String.join(", ", allowed.stream().sorted().toList()));
                }
                if (keys.put(key, t.getValueNode()) != null) {
                    throw error(t.getKeyNode(), "'" + key + "' appears twice in one mapping");
                }
            }
            return keys;
        }

        private String phone(Node node) throws IOException {
            String phone = text(node, "phone");
            if (!MSISDN.matcher(phone).matches() && !FRESH.matcher(phone).matches()) {
                throw error(node, "phone is fresh (a new phone of this run), fresh2 (another), or an MSISDN like 6281234567890, "
                        + "not '" + phone + "'");
            }
            return phone;
        }

        private String text(Node node, String key) throws IOException {
            if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                throw error(node, "'" + key + "' takes a text");
            }
            return s.getValue();
        }

        private boolean bool(Node node, String key) throws IOException {
            if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.BOOL)) {
                throw error(node, "'" + key + "' is true or false");
            }
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }

        private Duration millis(Node node) throws IOException {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                try {
                    Duration d = Duration.ofMillis(Long.parseLong(s.getValue()));
                    if (!d.isNegative() && !d.isZero() && d.compareTo(LONGEST_WAIT) <= 0) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw error(node, "wait takes milliseconds, 1 to " + LONGEST_WAIT.toMillis());
        }

        private IOException error(Node node, String message) {
            return new IOException(file + ":" + line(node) + ": " + message);
        }

        private static int line(Node node) {
            return node == null ? 1 : node.getStartMark().getLine() + 1;
        }
    }
}
