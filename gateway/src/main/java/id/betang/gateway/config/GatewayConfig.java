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
    public record Complaints(int perDay) {
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
     * @param url       {@code redis://} or {@code rediss://} (TLS), with {@code user:password@} for AUTH
     * @param keyPrefix prefix of every key the gateway writes, so tests and tenants can share a server
     * @param caFile    PEM file of the CA that signed the server's certificate (rediss:// only); empty = the JVM's
     *                  trust store
     */
    public record Redis(URI url, String keyPrefix, String caFile) {

        public Redis(URI url, String keyPrefix) {
            this(url, keyPrefix, "");
        }
    }
}
