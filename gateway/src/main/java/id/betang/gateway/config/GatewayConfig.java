package id.betang.gateway.config;

import java.net.URI;
import java.time.Duration;

/** The whole gateway configuration, typed and validated. Built by {@link ConfigLoader}. */
public record GatewayConfig(Http http, Smpp smpp, Ussd ussd, Registry registry, Security security,
                            Mysql mysql, Redis redis) {

    public record Http(int port) {
    }

    /**
     * @param profile USSD-over-SMPP profile: {@code default} or {@code session-tlv}
     * @param sessionTlvTag the vendor TLV that carries the session id in the {@code session-tlv} profile
     */
    public record Smpp(String host, int port, String systemId, String password, String systemType, int binds,
                       int tps, Duration enquireLink, Duration responseTimeout, String profile, short sessionTlvTag) {
    }

    public record Ussd(String serviceCode, String shortCode, Duration sessionTtl, Duration stepBudget,
                       int screenLimitGsm, int screenLimitUcs2) {
    }

    public record Registry(URI url, String token, Duration timeout) {
    }

    public record Security(String webhookSecret, String apiToken) {
    }

    public record Mysql(String url, String user, String password) {
    }

    /** @param keyPrefix prefix of every key the gateway writes, so tests and tenants can share a server */
    public record Redis(URI url, String keyPrefix) {
    }
}
