package id.betang.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Layers defaults → YAML file → environment, then types and validates every key. All problems are
 * collected, so an operator fixes them in one round; each names the key, its variable and the fault.
 */
public final class ConfigLoader {

    public static final List<Setting> SETTINGS = List.of(
            Setting.optional("http.port", "BETANG_HTTP_PORT", "8080"),
            Setting.optional("http.max_connections", "BETANG_HTTP_MAX_CONNECTIONS", "1000"),
            Setting.optional("http.idle_seconds", "BETANG_HTTP_IDLE_SECONDS", "30"),
            Setting.optional("smpp.host", "BETANG_SMPP_HOST", "127.0.0.1"),
            Setting.optional("smpp.port", "BETANG_SMPP_PORT", "2775"),
            Setting.required("smpp.system_id", "BETANG_SMPP_SYSTEM_ID"),
            Setting.optional("smpp.password", "BETANG_SMPP_PASSWORD", ""),
            Setting.optional("smpp.system_type", "BETANG_SMPP_SYSTEM_TYPE", ""),
            Setting.optional("smpp.binds", "BETANG_SMPP_BINDS", "1"),
            Setting.optional("smpp.tps", "BETANG_SMPP_TPS", "50"),
            Setting.optional("smpp.enquire_link_seconds", "BETANG_SMPP_ENQUIRE_LINK_SECONDS", "30"),
            Setting.optional("smpp.response_timeout_ms", "BETANG_SMPP_RESPONSE_TIMEOUT_MS", "5000"),
            Setting.optional("smpp.profile", "BETANG_SMPP_PROFILE", "default"),
            Setting.optional("smpp.session_tlv_tag", "BETANG_SMPP_SESSION_TLV_TAG", "0x1501"),
            Setting.optional("smpp.abort_service_ops", "BETANG_SMPP_ABORT_SERVICE_OPS", ""),
            Setting.optional("smpp.bind_type", "BETANG_SMPP_BIND_TYPE", "transceiver"),
            Setting.optional("smpp.window", "BETANG_SMPP_WINDOW", "10"),
            Setting.optional("smpp.address_range", "BETANG_SMPP_ADDRESS_RANGE", ""),
            Setting.optional("smpp.tls", "BETANG_SMPP_TLS", "false"),
            Setting.optional("smpp.ca_file", "BETANG_SMPP_CA_FILE", ""),
            Setting.optional("smpp.source_ton", "BETANG_SMPP_SOURCE_TON", "0"),
            Setting.optional("smpp.source_npi", "BETANG_SMPP_SOURCE_NPI", "0"),
            Setting.optional("smpp.dest_ton", "BETANG_SMPP_DEST_TON", "1"),
            Setting.optional("smpp.dest_npi", "BETANG_SMPP_DEST_NPI", "1"),
            Setting.optional("smpp.message_id_format", "BETANG_SMPP_MESSAGE_ID_FORMAT", "text"),
            Setting.optional("smpp.receipt_id_format", "BETANG_SMPP_RECEIPT_ID_FORMAT", "text"),
            Setting.optional("smpp.duplicate_window_seconds", "BETANG_SMPP_DUPLICATE_WINDOW_SECONDS", "60"),
            Setting.optional("smpp.reassembly_timeout_seconds", "BETANG_SMPP_REASSEMBLY_TIMEOUT_SECONDS", "60"),
            Setting.optional("outbox.batch", "BETANG_OUTBOX_BATCH", "200"),
            Setting.optional("outbox.lease_seconds", "BETANG_OUTBOX_LEASE_SECONDS", "15"),
            Setting.optional("outbox.poll_ms", "BETANG_OUTBOX_POLL_MS", "500"),
            Setting.optional("outbox.validity_hours", "BETANG_OUTBOX_VALIDITY_HOURS", "24"),
            Setting.optional("retention.days", "BETANG_RETENTION_DAYS", "30"),
            Setting.optional("ussd.service_code", "BETANG_USSD_CODE", "*777#"),
            Setting.optional("sms.short_code", "BETANG_SHORT_CODE", "7777"),
            Setting.optional("ussd.session_ttl_seconds", "BETANG_USSD_SESSION_TTL_SECONDS", "180"),
            Setting.optional("ussd.step_budget_ms", "BETANG_USSD_STEP_BUDGET_MS", "2000"),
            Setting.optional("ussd.screen_limit_gsm", "BETANG_USSD_SCREEN_LIMIT_GSM", "182"),
            Setting.optional("ussd.screen_limit_ucs2", "BETANG_USSD_SCREEN_LIMIT_UCS2", "80"),
            Setting.required("registry.url", "BETANG_REGISTRY_URL"),
            Setting.required("registry.token", "BETANG_REGISTRY_TOKEN"),
            Setting.optional("registry.timeout_ms", "BETANG_REGISTRY_TIMEOUT_MS", "8000"),
            Setting.optional("registry.last_answer_hours", "BETANG_REGISTRY_LAST_ANSWER_HOURS", "24"),
            Setting.required("identity.nik_hash_key", "BETANG_NIK_HASH_KEY"),
            Setting.optional("identity.lookups_per_day", "BETANG_NIK_LOOKUPS_PER_DAY", "3"),
            Setting.optional("identity.verify_attempts", "BETANG_VERIFY_ATTEMPTS", "3"),
            Setting.optional("identity.lock_minutes", "BETANG_VERIFY_LOCK_MINUTES", "30"),
            Setting.optional("identity.lookups_per_day_aggregator", "BETANG_NIK_LOOKUPS_PER_DAY_AGGREGATOR", "20000"),
            Setting.optional("identity.lookups_per_day_agent", "BETANG_NIK_LOOKUPS_PER_DAY_AGENT", "100"),
            Setting.optional("complaints.per_day", "BETANG_COMPLAINTS_PER_DAY", "5"),
            Setting.optional("reminders.interval_seconds", "BETANG_REMINDER_INTERVAL_SECONDS", "3600"),
            Setting.optional("reminders.hours", "BETANG_REMINDER_HOURS", "7-20"),
            Setting.required("webhook.secret", "BETANG_WEBHOOK_SECRET"),
            Setting.required("api.token", "BETANG_API_TOKEN"),
            Setting.optional("ussd_http.tokens", "BETANG_USSD_HTTP_TOKENS", ""),
            Setting.optional("ussd_http.allow", "BETANG_USSD_HTTP_ALLOW", ""),
            Setting.optional("metrics.token", "BETANG_METRICS_TOKEN", ""),
            Setting.optional("limits.aggregator_per_minute", "BETANG_LIMIT_AGGREGATOR_PER_MINUTE", "6000"),
            Setting.optional("limits.aggregator_burst", "BETANG_LIMIT_AGGREGATOR_BURST", "600"),
            Setting.optional("limits.msisdn_per_minute", "BETANG_LIMIT_MSISDN_PER_MINUTE", "30"),
            Setting.optional("limits.msisdn_burst", "BETANG_LIMIT_MSISDN_BURST", "20"),
            Setting.optional("limits.source_per_minute", "BETANG_LIMIT_SOURCE_PER_MINUTE", "6000"),
            Setting.optional("limits.source_burst", "BETANG_LIMIT_SOURCE_BURST", "600"),
            Setting.required("mysql.url", "BETANG_MYSQL_URL"),
            Setting.optional("mysql.user", "BETANG_MYSQL_USER", "root"),
            Setting.optional("mysql.password", "BETANG_MYSQL_PASSWORD", ""),
            Setting.required("redis.url", "BETANG_REDIS_URL"),
            Setting.optional("redis.key_prefix", "BETANG_REDIS_KEY_PREFIX", "betang:"),
            Setting.optional("redis.ca_file", "BETANG_REDIS_CA_FILE", ""));

    /** Read by logback, not part of the typed configuration: only checked. */
    public static final String LOG_FORMAT = "BETANG_LOG_FORMAT";
    private static final Set<String> LOG_FORMATS = Set.of("text", "json");
    private static final Set<String> PROFILES = Set.of("default", "session-tlv");
    private static final Set<String> ID_FORMATS = Set.of("text", "hex", "decimal");
    private static final Set<String> BIND_TYPES = Set.of("transceiver", "transmitter+receiver");
    /** The secrets that guard something; each must be unguessable and none may open another's door. */
    private static final List<String> SECRETS = List.of("api.token", "webhook.secret", "identity.nik_hash_key",
            "registry.token", "metrics.token");
    private static final java.util.regex.Pattern PROVIDER = java.util.regex.Pattern.compile("[a-z0-9-]{1,32}");
    /** An IP literal (never a host name, which would be looked up) and a prefix length. */
    private static final java.util.regex.Pattern CIDR = java.util.regex.Pattern.compile("([0-9a-fA-F:.]+)/(\\d{1,3})");

    private final Map<String, Setting> byKey = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private ConfigLoader() {
        SETTINGS.forEach(s -> byKey.put(s.key(), s));
    }

    /** @param file optional YAML file; {@code env} is usually {@code System.getenv()} */
    public static GatewayConfig load(Path file, Map<String, String> env) {
        return new ConfigLoader().build(file, env);
    }

    private GatewayConfig build(Path file, Map<String, String> env) {
        SETTINGS.forEach(s -> {
            if (s.defaultValue() != null) {
                values.put(s.key(), s.defaultValue());
            }
        });
        if (file != null) {
            readFile(file);
        }
        SETTINGS.forEach(s -> {
            String value = env.get(s.env());
            if (value != null) {
                values.put(s.key(), value);
            }
        });
        GatewayConfig config = new GatewayConfig(
                http(),
                smpp(),
                outbox(),
                ussd(),
                registry(),
                identity(),
                new GatewayConfig.Complaints(number("complaints.per_day", 1, 1000)),
                reminders(),
                security(),
                limits(),
                new GatewayConfig.Mysql(jdbc("mysql.url"), raw("mysql.user"), raw("mysql.password")),
                new GatewayConfig.Redis(uri("redis.url", Set.of("redis", "rediss")), raw("redis.key_prefix"),
                        raw("redis.ca_file").strip()));
        distinctSecrets(config.security().aggregatorTokens());
        logFormat(env);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private void readFile(Path file) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml().load(reader);
        } catch (IOException e) {
            problems.add("config file " + file + ": cannot be read (" + e.getMessage() + ")");
            return;
        } catch (YAMLException e) {
            problems.add("config file " + file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return;
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            problems.add("config file " + file + ": must be a mapping of sections (http, smpp, ussd, ...)");
            return;
        }
        flatten("", map, file);
    }

    private void flatten(String prefix, Map<?, ?> map, Path file) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, file);
            } else if (byKey.containsKey(key)) {
                values.put(key, v == null ? "" : String.valueOf(v));
            } else {
                problems.add("config file " + file + ": unknown key '" + key + "'");
            }
        });
    }

    private String raw(String key) {
        return values.getOrDefault(key, "");
    }

    private String text(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            problems.add(byKey.get(key).describe() + ": is required but not set");
            return "";
        }
        return value.strip();
    }

    private int number(String key, int min, int max) {
        String value = text(key);
        if (value.isEmpty()) {
            return min;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(byKey.get(key).describe() + ": must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
        return min;
    }

    private int port(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(byKey.get(key).describe() + ": must be a port number from 0 to 65535, got '" + value + "'");
        return 1;
    }

    private URI uri(String key, Set<String> schemes) {
        String value = text(key);
        if (value.isEmpty()) {
            return URI.create("unset:/");
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && schemes.contains(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(byKey.get(key).describe() + ": must be a URL starting with " + String.join(" or ",
                schemes.stream().sorted().map(s -> s + "://").toList()) + " and naming a host, got '"
                + withoutCredentials(value) + "'");
        return URI.create("unset:/");
    }

    private String jdbc(String key) {
        String value = text(key);
        if (!value.isEmpty() && !value.startsWith("jdbc:mysql://") && !value.startsWith("jdbc:mariadb://")) {
            problems.add(byKey.get(key).describe() + ": must be a JDBC URL like jdbc:mysql://host:3306/betang, got '"
                    + withoutCredentials(value) + "'");
        }
        return value;
    }

    /** A URL as a refusal may echo it: a password in its user part or its parameters is masked. */
    static String withoutCredentials(String url) {
        return url.replaceAll("(//[^/@?#]*?):[^/@?#]*@", "$1:***@")
                .replaceAll("(?i)((?:password|pass|pwd)[^=&]*=)[^&]*", "$1***");
    }

    /** SMPP 3.4 bind fields are C-octet strings with hard limits; a longer value could never bind. */
    private String cOctet(String value, String key, int max) {
        if (value.length() > max) {
            problems.add(byKey.get(key).describe() + ": SMPP allows at most " + max + " characters, got "
                    + value.length());
        }
        return value;
    }

    /** The SMPP section, one named setting at a time. */
    private GatewayConfig.Smpp smpp() {
        return GatewayConfig.Smpp.builder()
                .host(text("smpp.host"))
                .port(port("smpp.port"))
                .systemId(cOctet(text("smpp.system_id"), "smpp.system_id", 15))
                .password(smppPassword())
                .systemType(cOctet(raw("smpp.system_type"), "smpp.system_type", 12))
                .binds(number("smpp.binds", 1, 64))
                .tps(number("smpp.tps", 0, 100_000))
                .enquireLink(Duration.ofSeconds(number("smpp.enquire_link_seconds", 5, 600)))
                .responseTimeout(Duration.ofMillis(number("smpp.response_timeout_ms", 100, 60_000)))
                .profile(profile())
                .sessionTlvTag(tag("smpp.session_tlv_tag"))
                .abortServiceOps(serviceOps("smpp.abort_service_ops"))
                .bindType(oneOf("smpp.bind_type", BIND_TYPES))
                .window(number("smpp.window", 1, 1000))
                .addressRange(cOctet(raw("smpp.address_range"), "smpp.address_range", 40))
                .tls(bool("smpp.tls"))
                .caFile(readableFile("smpp.ca_file"))
                .addressing(new GatewayConfig.Addressing((byte) number("smpp.source_ton", 0, 6),
                        (byte) number("smpp.source_npi", 0, 18), (byte) number("smpp.dest_ton", 0, 6),
                        (byte) number("smpp.dest_npi", 0, 18)))
                .messageIdFormat(idFormat("smpp.message_id_format"))
                .receiptIdFormat(idFormat("smpp.receipt_id_format"))
                .duplicateWindow(Duration.ofSeconds(number("smpp.duplicate_window_seconds", 0, 86_400)))
                .reassemblyTimeout(Duration.ofSeconds(number("smpp.reassembly_timeout_seconds", 5, 3600)))
                .build();
    }

    // each section from its keys into locals named for its fields, so a swapped argument shows in the names

    private GatewayConfig.Outbox outbox() {
        int batch = number("outbox.batch", 1, 5000);
        Duration lease = Duration.ofSeconds(number("outbox.lease_seconds", 2, 3600));
        Duration poll = Duration.ofMillis(number("outbox.poll_ms", 10, 60_000));
        Duration validity = Duration.ofHours(number("outbox.validity_hours", 1, 168));
        // at least the 7 days within which receipts are matched, and beyond the longest validity
        Duration retention = Duration.ofDays(number("retention.days", 8, 3650));
        return new GatewayConfig.Outbox(batch, lease, poll, validity, retention);
    }

    private GatewayConfig.Ussd ussd() {
        String serviceCode = text("ussd.service_code");
        String shortCode = text("sms.short_code");
        Duration sessionTtl = Duration.ofSeconds(number("ussd.session_ttl_seconds", 10, 3600));
        Duration stepBudget = Duration.ofMillis(number("ussd.step_budget_ms", 100, 30_000));
        int screenLimitGsm = number("ussd.screen_limit_gsm", 60, 255);
        int screenLimitUcs2 = number("ussd.screen_limit_ucs2", 30, 127);
        return new GatewayConfig.Ussd(serviceCode, shortCode, sessionTtl, stepBudget, screenLimitGsm, screenLimitUcs2);
    }

    private GatewayConfig.Registry registry() {
        URI url = uri("registry.url", Set.of("http", "https"));
        String token = secret("registry.token");
        Duration timeout = Duration.ofMillis(number("registry.timeout_ms", 50, 60_000));
        Duration lastAnswerFor = Duration.ofHours(number("registry.last_answer_hours", 0, 168));
        return new GatewayConfig.Registry(url, token, timeout, lastAnswerFor);
    }

    private GatewayConfig.Identity identity() {
        String nikHashKey = secret("identity.nik_hash_key");
        int lookupsPerDay = number("identity.lookups_per_day", 1, 1000);
        int verifyAttempts = number("identity.verify_attempts", 1, 20);
        Duration lockFor = Duration.ofMinutes(number("identity.lock_minutes", 1, 24 * 60));
        int perAggregator = number("identity.lookups_per_day_aggregator", 1, 10_000_000);
        int perAgent = number("identity.lookups_per_day_agent", 1, 100_000);
        return new GatewayConfig.Identity(nikHashKey, lookupsPerDay, verifyAttempts, lockFor, perAggregator, perAgent);
    }

    /** Hours as "from-until" in Asia/Jakarta time, e.g. 7-20: no SMS wakes anyone at night. */
    private GatewayConfig.Reminders reminders() {
        Duration every = Duration.ofSeconds(number("reminders.interval_seconds", 1, 86_400));
        String hours = raw("reminders.hours");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})-(\\d{1,2})").matcher(hours);
        if (!m.matches() || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))
                || Integer.parseInt(m.group(2)) > 24) {
            problems.add(byKey.get("reminders.hours").describe() + ": hours as from-until within 0-24, e.g. 7-20; got '"
                    + hours + "'");
            return new GatewayConfig.Reminders(every, 7, 20);
        }
        return new GatewayConfig.Reminders(every, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * A secret an attacker cannot guess: at least {@link SecretRules#MIN_LENGTH} characters and no
     * placeholder. The value itself is never echoed, not even in a refusal.
     */
    private String secret(String key) {
        String value = text(key);
        if (!value.isEmpty()) {
            checkSecret(byKey.get(key).describe(), value);
        }
        return value;
    }

    /** An optional secret: empty is allowed (and means the door it guards stays shut or local). */
    private String optionalSecret(String key) {
        String value = raw(key).strip();
        if (!value.isEmpty()) {
            checkSecret(byKey.get(key).describe(), value);
        }
        return value;
    }

    private void checkSecret(String what, String value) {
        if (value.length() < SecretRules.MIN_LENGTH) {
            problems.add(what + ": must be at least " + SecretRules.MIN_LENGTH
                    + " characters long (it guards an API); " + SecretRules.HOW_TO_MAKE_ONE);
        } else {
            SecretRules.placeholder(value).ifPresent(why -> problems.add(what + ": " + why
                    + ", refused as guessable; " + SecretRules.HOW_TO_MAKE_ONE));
        }
    }

    private GatewayConfig.Security security() {
        String webhookSecret = secret("webhook.secret");
        String apiToken = secret("api.token");
        Map<String, String> aggregatorTokens = aggregatorTokens();
        Map<String, List<String>> aggregatorSources = aggregatorSources(aggregatorTokens.keySet());
        String metricsToken = optionalSecret("metrics.token");
        return new GatewayConfig.Security(webhookSecret, apiToken, aggregatorTokens, aggregatorSources, metricsToken);
    }

    /** {@code provider:token,provider2:token2}; each token a secret of its own. Never echoes a token. */
    private Map<String, String> aggregatorTokens() {
        String key = "ussd_http.tokens";
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String entry : entries(key)) {
            int colon = entry.indexOf(':');
            String provider = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!PROVIDER.matcher(provider).matches()) {
                problems.add(byKey.get(key).describe() + ": each entry is provider:token, the provider 1-32 of a-z 0-9 -");
                continue;
            }
            if (tokens.containsKey(provider)) {
                problems.add(byKey.get(key).describe() + ": provider '" + provider + "' is named twice");
                continue;
            }
            String token = entry.substring(colon + 1).strip();
            checkSecret(byKey.get(key).describe() + " for provider '" + provider + "'", token);
            tokens.put(provider, token);
        }
        return tokens;
    }

    /** {@code provider:cidr|cidr,provider2:cidr}, IPv4 or IPv6 literals; only for providers that have a token. */
    private Map<String, List<String>> aggregatorSources(Set<String> providers) {
        String key = "ussd_http.allow";
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (String entry : entries(key)) {
            int colon = entry.indexOf(':');
            String provider = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!providers.contains(provider)) {
                problems.add(byKey.get(key).describe() + ": '" + provider + "' has no token in "
                        + byKey.get("ussd_http.tokens").describe() + "; entries are provider:cidr|cidr");
                continue;
            }
            List<String> networks = new ArrayList<>();
            for (String cidr : entry.substring(colon + 1).split("\\|")) {
                if (!cidr(cidr.strip())) {
                    problems.add(byKey.get(key).describe() + ": '" + cidr.strip() + "' for " + provider
                            + " is not a network such as 203.0.113.0/24 or 2001:db8::/32");
                }
                networks.add(cidr.strip());
            }
            sources.put(provider, List.copyOf(networks));
        }
        return sources;
    }

    private static boolean cidr(String value) {
        java.util.regex.Matcher m = CIDR.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            // a literal, so no name is looked up
            byte[] address = java.net.InetAddress.getByName(m.group(1)).getAddress();
            return Integer.parseInt(m.group(2)) <= address.length * 8;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The comma-separated entries of a setting, blanks left out. */
    private List<String> entries(String key) {
        return java.util.Arrays.stream(raw(key).split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private GatewayConfig.Limits limits() {
        GatewayConfig.Bucket aggregator = bucket("limits.aggregator_per_minute", "limits.aggregator_burst");
        GatewayConfig.Bucket msisdn = bucket("limits.msisdn_per_minute", "limits.msisdn_burst");
        GatewayConfig.Bucket source = bucket("limits.source_per_minute", "limits.source_burst");
        return new GatewayConfig.Limits(aggregator, msisdn, source);
    }

    private GatewayConfig.Bucket bucket(String perMinuteKey, String burstKey) {
        return new GatewayConfig.Bucket(number(perMinuteKey, 1, 10_000_000), number(burstKey, 1, 1_000_000));
    }

    /** SMPP caps bind passwords at 8 characters, so only a placeholder can be refused there; empty = none. */
    private String smppPassword() {
        String value = cOctet(raw("smpp.password"), "smpp.password", 8);
        if (!value.isEmpty()) {
            SecretRules.placeholder(value).ifPresent(why -> problems.add(byKey.get("smpp.password").describe()
                    + ": " + why + ", refused as guessable; use the password the telco issued"));
        }
        return value;
    }

    /** One secret reused for two jobs would let whoever holds one open both. */
    private void distinctSecrets(Map<String, String> aggregatorTokens) {
        Map<String, String> secrets = new LinkedHashMap<>();
        SECRETS.forEach(key -> secrets.put(byKey.get(key).describe(), raw(key).strip()));
        new java.util.TreeMap<>(aggregatorTokens).forEach((provider, token) ->
                secrets.put(byKey.get("ussd_http.tokens").describe() + " for provider '" + provider + "'", token));
        List<Map.Entry<String, String>> all = List.copyOf(secrets.entrySet());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                String a = all.get(i).getValue();
                if (!a.isEmpty() && a.equals(all.get(j).getValue())) {
                    problems.add(all.get(j).getKey() + ": must differ from " + all.get(i).getKey()
                            + " (each secret guards one thing); " + SecretRules.HOW_TO_MAKE_ONE);
                }
            }
        }
    }

    private GatewayConfig.Http http() {
        int port = port("http.port");
        int maxConnections = number("http.max_connections", 1, 1_000_000);
        Duration idleTimeout = Duration.ofSeconds(number("http.idle_seconds", 1, 3600));
        return new GatewayConfig.Http(port, maxConnections, idleTimeout);
    }

    /**
     * Logback reads BETANG_LOG_FORMAT itself (logback.xml includes logback/&lt;format&gt;.xml), before any of this
     * runs; a value with no such file would leave the gateway without a log, so it is refused here.
     */
    private void logFormat(Map<String, String> env) {
        String value = env.getOrDefault(LOG_FORMAT, "text");
        if (!LOG_FORMATS.contains(value)) {
            problems.add(LOG_FORMAT + ": must be one of " + LOG_FORMATS.stream().sorted().toList() + ", got '" + value + "'");
        }
    }

    private String profile() {
        String value = text("smpp.profile");
        if (!value.isEmpty() && !PROFILES.contains(value)) {
            problems.add(byKey.get("smpp.profile").describe() + ": must be one of " + PROFILES.stream().sorted().toList()
                    + ", got '" + value + "'");
        }
        return value;
    }

    /** A path that must name a readable file when given (empty: not given). */
    private String readableFile(String key) {
        String value = raw(key).strip();
        if (!value.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(value))) {
            problems.add(byKey.get(key).describe() + ": no readable file at '" + value + "'");
        }
        return value;
    }

    private String oneOf(String key, Set<String> allowed) {
        String value = text(key);
        if (!value.isEmpty() && !allowed.contains(value)) {
            problems.add(byKey.get(key).describe() + ": must be one of " + allowed.stream().sorted().toList()
                    + ", got '" + value + "'");
        }
        return value;
    }

    private boolean bool(String key) {
        String value = text(key);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(byKey.get(key).describe() + ": must be true or false, got '" + value + "'");
        return false;
    }

    /** How an SMSC writes message ids: a plain setting here, read by the SMPP edge. */
    private String idFormat(String key) {
        String value = text(key);
        String format = value.toLowerCase(java.util.Locale.ROOT);
        if (!ID_FORMATS.contains(format)) {
            problems.add(byKey.get(key).describe() + ": must be text, hex or decimal, got '" + value + "'");
            return "text";
        }
        return format;
    }

    /** A comma-separated list of ussd_service_op values (0-255); empty for none. */
    private Set<Integer> serviceOps(String key) {
        String value = raw(key).strip();
        Set<Integer> ops = new java.util.TreeSet<>();
        for (String part : value.isEmpty() ? new String[0] : value.split(",")) {
            try {
                int op = Integer.decode(part.strip());
                if (op >= 0 && op <= 255) {
                    ops.add(op);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(byKey.get(key).describe() + ": must be ussd_service_op values 0-255 separated by commas, got '"
                    + value + "'");
            return Set.of();
        }
        return Set.copyOf(ops);
    }

    private short tag(String key) {
        String value = text(key);
        try {
            int tag = value.startsWith("0x") ? Integer.parseInt(value.substring(2), 16) : Integer.parseInt(value);
            if (tag > 0 && tag <= 0xFFFF) {
                return (short) tag;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(byKey.get(key).describe() + ": must be a TLV tag such as 0x1501, got '" + value + "'");
        return 0;
    }
}
