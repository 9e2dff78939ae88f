package id.betang.gateway.smpp;

import java.util.Optional;
import java.util.Set;

import id.betang.gateway.config.GatewayConfig;

/**
 * What varies between telcos in USSD over SMPP (smpp-ussd-profile.md): how the session is identified,
 * which service ops mean "the user left", and how the MT source address is written. Configuration, not code.
 *
 * @param sessionTag   vendor TLV carrying an opaque session id ({@code session-tlv}); empty = MSISDN + session number
 * @param abortOps     MO ussd_service_op values that end the dialogue whatever the end bit says
 * @param sourceAddr   MT source_addr: the service code as the network wants it ({@code *777#} or {@code 777})
 */
public record UssdProfile(String name, Optional<Short> sessionTag, Set<Integer> abortOps, String sourceAddr) {

    /** ussd_service_op values from SMPP 3.4 §5.3.2.44. */
    public static final int PSSR_INDICATION = 1;
    public static final int USSR_REQUEST = 2;
    public static final int PSSR_RESPONSE = 17;
    public static final int USSR_CONFIRM = 18;

    public static UssdProfile from(GatewayConfig.Smpp smpp, GatewayConfig.Ussd ussd) {
        return switch (smpp.profile()) {
            case "session-tlv" -> new UssdProfile("session-tlv", Optional.of(smpp.sessionTlvTag()),
                    smpp.abortServiceOps(), ussd.serviceCode());
            default -> new UssdProfile("default", Optional.empty(), smpp.abortServiceOps(), ussd.serviceCode());
        };
    }
}
