package id.betang.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole gateway configuration, typed and validated. Built by {@link ConfigLoader}. */
public record GatewayConfig(Http http, Smpp smpp, Outbox outbox, Ussd ussd, Registry registry, Identity identity,
                            Complaints complaints, Reminders reminders, Security security, Limits limits, Mysql mysql,
                            Redis redis) {

    /**
     * @param maxConnections open connections at once; more are closed as they arrive
     * @param idleTimeout    a connection with nothing read or written for this long is closed
     */
    public record Http(int port, int maxConnections, Duration idleTimeout) {
    }

    /**
     * The SMPP section. Built with {@link #builder()}, one named setter per setting, so two numbers cannot
     * swap unseen as they could in a call of this 21-argument constructor.
     *
     * @param profile USSD-over-SMPP profile: {@code default} or {@code session-tlv}
     * @param abortServiceOps MO ussd_service_op values that end a dialogue whatever its end bit says (vendor aborts)
     * @param sessionTlvTag the vendor TLV that carries the session id in the {@code session-tlv} profile
     * @param tps MT per second per bind; 0 = no cap (the SMSC's own throttling still applies)
     * @param window submit_sm PDUs outstanding per bind before we wait for responses
     * @param messageIdFormat how the SMSC writes ids in submit_sm_resp ({@code text}, {@code hex} or
     *                        {@code decimal}; the SMPP edge reads them); {@code receiptIdFormat} in receipts
     * @param duplicateWindow how long a deliver_sm is remembered to recognise the SMSC sending it again
     */
    public record Smpp(String host, int port, String systemId, String password, String systemType, int binds,
                       int tps, Duration enquireLink, Duration responseTimeout, String profile, short sessionTlvTag,
                       Set<Integer> abortServiceOps,
                       String bindType, int window, String addressRange, boolean tls, String caFile,
                       Addressing addressing, String messageIdFormat, String receiptIdFormat,
                       Duration duplicateWindow, Duration reassemblyTimeout) {

        public static Builder builder() {
            return new Builder();
        }

        /** A transmitter + receiver pair per bind slot instead of one transceiver. */
        public boolean pairedBinds() {
            return "transmitter+receiver".equals(bindType);
        }

        /** The SMPP section by name, setting by setting. */
        public static final class Builder {

            private String host;
            private int port;
            private String systemId;
            private String password;
            private String systemType;
            private int binds;
            private int tps;
            private Duration enquireLink;
            private Duration responseTimeout;
            private String profile;
            private short sessionTlvTag;
            private Set<Integer> abortServiceOps;
            private String bindType;
            private int window;
            private String addressRange;
            private boolean tls;
            private String caFile = "";
            private Addressing addressing;
            private String messageIdFormat;
            private String receiptIdFormat;
            private Duration duplicateWindow;
            private Duration reassemblyTimeout;

            private Builder() {
            }

            public Builder host(String host) {
                this.host = host;
                return this;
            }

            public Builder port(int port) {
                this.port = port;
                return this;
            }

            public Builder systemId(String systemId) {
                this.systemId = systemId;
                return this;
            }

            public Builder password(String password) {
                this.password = password;
                return this;
            }

            public Builder systemType(String systemType) {
                this.systemType = systemType;
                return this;
            }

            public Builder binds(int binds) {
                this.binds = binds;
                return this;
            }

            public Builder tps(int tps) {
                this.tps = tps;
                return this;
            }

            public Builder enquireLink(Duration enquireLink) {
                this.enquireLink = enquireLink;
                return this;
            }

            public Builder responseTimeout(Duration responseTimeout) {
                this.responseTimeout = responseTimeout;
                return this;
            }

            public Builder profile(String profile) {
                this.profile = profile;
                return this;
            }

            public Builder sessionTlvTag(short sessionTlvTag) {
                this.sessionTlvTag = sessionTlvTag;
                return this;
            }

            public Builder abortServiceOps(Set<Integer> abortServiceOps) {
                this.abortServiceOps = abortServiceOps;
                return this;
            }

            public Builder bindType(String bindType) {
                this.bindType = bindType;
                return this;
            }

            public Builder window(int window) {
                this.window = window;
                return this;
            }

            public Builder addressRange(String addressRange) {
                this.addressRange = addressRange;
                return this;
            }

            public Builder tls(boolean tls) {
                this.tls = tls;
                return this;
            }

            /** PEM of the CA that signed the SMSC's TLS certificate; empty: the JVM's trust store. */
            public Builder caFile(String caFile) {
                this.caFile = caFile;
                return this;
            }

            public Builder addressing(Addressing addressing) {
                this.addressing = addressing;
                return this;
            }

            public Builder messageIdFormat(String messageIdFormat) {
                this.messageIdFormat = messageIdFormat;
                return this;
            }

            public Builder receiptIdFormat(String receiptIdFormat) {
                this.receiptIdFormat = receiptIdFormat;
                return this;
            }

            public Builder duplicateWindow(Duration duplicateWindow) {
                this.duplicateWindow = duplicateWindow;
                return this;
            }

            public Builder reassemblyTimeout(Duration reassemblyTimeout) {
                this.reassemblyTimeout = reassemblyTimeout;
                return this;
            }

            public Smpp build() {
                return new Smpp(host, port, systemId, password, systemType, binds, tps, enquireLink, responseTimeout,
                        profile, sessionTlvTag, abortServiceOps, bindType, window, addressRange, tls, caFile, addressing,
                        messageIdFormat, receiptIdFormat, duplicateWindow, reassemblyTimeout);
            }
        }
    }

    /** TON/NPI of MT SMS: source (our short code) and destination (the resident's MSISDN). */
    public record Addressing(byte sourceTon, byte sourceNpi, byte destTon, byte destNpi) {
    }

    /**
     * @param batch    rows one instance claims at a time
     * @param lease    how long a claim holds before another instance may take the row (crash recovery)
     * @param validity how long an MT keeps being retried before it is marked failed
     * @param retention how long SMS bodies, parts and receipts are kept (then purged)
     */
    public record Outbox(int batch, Duration lease, Duration poll, Duration validity, Duration retention) {
    }

    public record Ussd(String serviceCode, String shortCode, Duration sessionTtl, Duration stepBudget,
                       int screenLimitGsm, int screenLimitUcs2) {
    }

    /**
     * @param timeout  how long one call may take; longer than the USSD step budget, so a slow answer can still
     *                 follow by SMS
     * @param lastAnswerFor how long the last status/schedule answer is kept to show, stamped, while the
     *                 registry is down; zero switches that off
     */
    public record Registry(URI url, String token, Duration timeout, Duration lastAnswerFor) {
        public Registry(URI url, String token, Duration timeout) {
            this(url, token, timeout, Duration.ZERO);
        }
    }

    /**
     * @param nikHashKey     key of the HMAC that stands for a NIK in the audit trail and in Redis counters
     * @param lookupsPerDay  distinct NIKs one phone may look up per day
     * @param verifyAttempts wrong confirmations (card digits or one-time codes) before a NIK is locked for that phone
     * @param lockFor        how long that lock lasts
     * @param lookupsPerDayPerAggregator distinct NIKs looked up a day through one HTTP aggregator, all its callers
     * @param lookupsPerDayPerAgent      distinct NIKs one social worker may look up a day, whatever the phone
     */
    public record Identity(String nikHashKey, int lookupsPerDay, int verifyAttempts, Duration lockFor,
                           int lookupsPerDayPerAggregator, int lookupsPerDayPerAgent) {

        /** Without the aggregator and agent limits (as good as none): tests of the per-phone rules. */
        public Identity(String nikHashKey, int lookupsPerDay, int verifyAttempts, Duration lockFor) {
            this(nikHashKey, lookupsPerDay, verifyAttempts, lockFor, Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
    }

    /** @param perDay complaints one phone may file in 24 hours (a guard against floods, not against people) */
    /** @param quietDays days without a status change before a complaint's "still being handled" SMS; 0: none */
    public record Complaints(int perDay, int quietDays) {
    }

    /**
     * @param every    how often opted-in phones are checked for a disbursement tomorrow
     * @param fromHour first hour (Asia/Jakarta) at which reminders go out; {@code untilHour} the hour they stop
     */
    public record Reminders(Duration every, int fromHour, int untilHour) {
    }

    /**
     * The credentials, each opening one trust domain (see docs/trust-domains.md).
     *
     * @param apiToken          the notifications and admin APIs, and the details of /ready
     * @param aggregatorTokens  provider → its token: each opens only {@code POST /ussd/{provider}}; none = the
     *                          HTTP USSD adapter is off
     * @param aggregatorSources provider → the source networks (CIDR) its requests may come from; a provider
     *                          not named may call from anywhere
     * @param metricsToken      opens /metrics from anywhere; empty = /metrics only from loopback
     */
    public record Security(String webhookSecret, String apiToken, Map<String, String> aggregatorTokens,
                           Map<String, List<String>> aggregatorSources, String metricsToken) {

        public Security {
            aggregatorTokens = Map.copyOf(aggregatorTokens);
            aggregatorSources = Map.copyOf(aggregatorSources);
        }
    }

    /**
     * Token buckets shared by every instance (in Redis): per HTTP aggregator, per MSISDN (every channel) and per
     * HTTP source address.
     */
    public record Limits(Bucket aggregator, Bucket msisdn, Bucket source) {
    }

    /** @param perMinute tokens refilled a minute; {@code burst} the most a bucket holds (and a quiet caller starts with) */
    public record Bucket(int perMinute, int burst) {
    }

    /** @param url a JDBC URL; TLS through its parameters, e.g. {@code sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=…} */
    public record Mysql(String url, String user, String password) {
    }

    /**
     * How the gateway reaches Redis, from {@code BETANG_REDIS_URL} (and {@code BETANG_REDIS_MODE} for a cluster
     * known by one seed node): see {@link #parse}.
     *
     * @param mode      a single server, a primary found through Sentinel, or a Redis Cluster
     * @param nodes     standalone: the server's {@code redis://} or {@code rediss://} URL (with
     *                  {@code user:password@} for AUTH); sentinel: one {@code redis-sentinel://} or
     *                  {@code rediss-sentinel://} URL in Lettuce's syntax, listing the sentinels and naming the
     *                  primary after {@code #}; cluster: seed nodes, each a {@code redis://} or {@code rediss://} URL
     * @param keyPrefix prefix of every key the gateway writes, so tests and tenants can share a server; never a
     *                  brace (the keys carry their own cluster hash tags)
     * @param caFile    PEM file of the CA that signed the servers' certificates (TLS only); empty = the JVM's
     *                  trust store
     */
    public record Redis(Mode mode, List<URI> nodes, String keyPrefix, String caFile) {

        public enum Mode { STANDALONE, SENTINEL, CLUSTER }

        public Redis {
            nodes = List.copyOf(nodes);
        }

        /** One URL: a standalone server, or Sentinel when its scheme says so. */
        public Redis(URI url, String keyPrefix, String caFile) {
            this(url.getScheme() != null && url.getScheme().endsWith("-sentinel") ? Mode.SENTINEL : Mode.STANDALONE,
                    List.of(url), keyPrefix, caFile);
        }

        public Redis(URI url, String keyPrefix) {
            this(url, keyPrefix, "");
        }

        /**
         * Reads {@code BETANG_REDIS_URL}: {@code redis[s]-sentinel://…#primary} is Sentinel, a comma-separated list
         * of {@code redis[s]://host:port} is a cluster's seed nodes, one {@code redis[s]://} URL a standalone server
         * unless {@code mode} says {@code cluster}. {@code mode} empty: from the URL alone.
         *
         * @throws IllegalArgumentException what is wrong, never repeating the URL (it may hold a password)
         */
        public static Redis parse(String url, String mode, String keyPrefix, String caFile) {
            String value = url.strip();
            Mode asked = switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "" -> null;
                case "standalone" -> Mode.STANDALONE;
                case "sentinel" -> Mode.SENTINEL;
                case "cluster" -> Mode.CLUSTER;
                default -> throw new IllegalArgumentException("the mode must be standalone, sentinel or cluster");
            };
            if (value.startsWith("redis-sentinel://") || value.startsWith("rediss-sentinel://")) {
                if (asked != null && asked != Mode.SENTINEL) {
                    throw new IllegalArgumentException("a redis-sentinel:// URL is Sentinel, not " + mode.strip());
                }
                return new Redis(Mode.SENTINEL, List.of(sentinel(value)), keyPrefix, caFile);
            }
            if (asked == Mode.SENTINEL) {
                throw new IllegalArgumentException("Sentinel needs a redis-sentinel://host:26379,host:26379/0#primary URL");
            }
            List<URI> nodes = new java.util.ArrayList<>();
            for (String node : value.split(",", -1)) {
                nodes.add(node(node.strip()));
            }
            if (nodes.stream().map(URI::getScheme).distinct().count() > 1) {
                throw new IllegalArgumentException("cluster nodes must all be redis:// or all rediss://");
            }
            Mode chosen = asked != null ? asked : nodes.size() > 1 ? Mode.CLUSTER : Mode.STANDALONE;
            if (chosen == Mode.STANDALONE && nodes.size() > 1) {
                throw new IllegalArgumentException("several nodes are a cluster: set BETANG_REDIS_MODE=cluster or leave it empty");
            }
            if (chosen == Mode.CLUSTER && nodes.stream().anyMatch(n -> !n.getPath().isEmpty() && !n.getPath().equals("/0"))) {
                throw new IllegalArgumentException("a Redis Cluster has database 0 only");
            }
            return new Redis(chosen, nodes, keyPrefix, caFile);
        }

        private static URI node(String node) {
            try {
                URI uri = new URI(node);
                if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // said below
            }
            throw new IllegalArgumentException("must be a URL starting with redis:// or rediss:// and naming a host"
                    + " (a comma-separated list of them for a cluster), or redis-sentinel://");
        }

        /** Lettuce's syntax: {@code redis-sentinel://[password@]host[:port][,host[:port]…][/db]#primary}. */
        private static URI sentinel(String value) {
            int hash = value.indexOf('#');
            String rest = value.substring(value.indexOf("://") + 3, hash < 0 ? value.length() : hash);
            String hosts = rest.substring(rest.lastIndexOf('@') + 1).split("[/?]", 2)[0];
            if (hash < 0 || hash == value.length() - 1 || !value.substring(hash + 1).matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a redis-sentinel:// URL names its primary after '#', e.g. #betang");
            }
            for (String host : hosts.split(",", -1)) {
                if (!host.matches("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9a-fA-F:]+](:\\d{1,5})?")) {
                    throw new IllegalArgumentException("a redis-sentinel:// URL lists sentinels as host:port,host:port");
                }
            }
            try {
                return new URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + e.getReason());
            }
        }
    }
}
