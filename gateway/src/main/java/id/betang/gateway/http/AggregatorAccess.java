package id.betang.gateway.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import id.betang.gateway.config.GatewayConfig;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.net.SocketAddress;

/**
 * Which aggregator may call the HTTP USSD adapter, and from where: each provider its own token
 * ({@code BETANG_USSD_HTTP_TOKENS}), which opens {@code /ussd/{that provider}} and nothing else, and
 * optionally the networks its requests come from ({@code BETANG_USSD_HTTP_ALLOW}, IPv4 or IPv6).
 */
final class AggregatorAccess {

    private final Map<String, ApiToken> tokens;
    private final Map<String, List<IpSubnetFilterRule>> sources;

    AggregatorAccess(GatewayConfig.Security security) {
        this.tokens = security.aggregatorTokens().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new ApiToken(e.getValue())));
        this.sources = security.aggregatorSources().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        e -> e.getValue().stream().map(AggregatorAccess::network).toList()));
    }

    /** No aggregator has a token: the adapter is off. */
    boolean none() {
        return tokens.isEmpty();
    }

    int count() {
        return tokens.size();
    }

    /** The token given is this provider's own (another provider's, or the API token, is not). */
    boolean authenticated(String provider, String given) {
        ApiToken token = tokens.get(provider);
        return token != null && token.matches(given);
    }

    /** The request comes from a network allowed for this provider, or the provider has no list. */
    boolean fromAllowedSource(String provider, SocketAddress remote) {
        List<IpSubnetFilterRule> allowed = sources.get(provider);
        if (allowed == null) {
            return true;
        }
        InetSocketAddress address = inet(remote);
        return address != null && allowed.stream().anyMatch(rule -> rule.matches(address));
    }

    private static InetSocketAddress inet(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return null;
        }
        try {
            // a literal address: nothing is looked up
            return new InetSocketAddress(InetAddress.getByName(remote.hostAddress()), Math.max(0, remote.port()));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** "203.0.113.0/24" as a rule; the config loader checked the form. */
    private static IpSubnetFilterRule network(String cidr) {
        int slash = cidr.indexOf('/');
        return new IpSubnetFilterRule(cidr.substring(0, slash), Integer.parseInt(cidr.substring(slash + 1)),
                IpFilterRuleType.ACCEPT);
    }
}
