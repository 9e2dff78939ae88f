package id.betang.gateway.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import id.betang.gateway.identity.Msisdn;

/**
 * The one place that reads USSD TLVs from deliver_sm and writes them onto submit_sm, per profile.
 * its_session_info: octet 1 = session number, octet 2 = sequence (bits 7..1) and end-of-session (bit 0).
 */
final class UssdPdus {

    private final UssdProfile profile;

    UssdPdus(UssdProfile profile) {
        this.profile = profile;
    }

    static boolean isUssd(DeliverSm pdu) {
        return pdu.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP) != null
                || "USSD".equalsIgnoreCase(pdu.getServiceType());
    }

    MoUssd parse(DeliverSm pdu) throws MalformedPduException {
        String msisdn = Msisdn.normalise(pdu.getSourceAddr()).orElseThrow(() -> new MalformedPduException(
                SMPPConstant.STAT_ESME_RINVSRCADR, "source_addr is not a mobile number"));
        OptionalParameter op = pdu.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP);
        if (!(op instanceof OptionalParameter.Byte serviceOp)) {
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RMISSINGTLV, "ussd_service_op is missing");
        }
        int session = -1;
        int sequence = 0;
        boolean end = false;
        OptionalParameter info = pdu.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO);
        if (info != null) {
            if (!(info instanceof OptionalParameter.Short s)) {
                throw new MalformedPduException(SMPPConstant.STAT_ESME_RINVTLVLEN, "its_session_info must be 2 octets");
            }
            session = (s.getValue() >> 8) & 0xFF;
            sequence = (s.getValue() & 0xFF) >> 1;
            end = (s.getValue() & 0x01) == 1;
        }
        Optional<byte[]> vendorId = Optional.empty();
        if (profile.sessionTag().isPresent()) {
            OptionalParameter vendor = pdu.getOptionalParameter(profile.sessionTag().get());
            if (vendor == null) {
                throw new MalformedPduException(SMPPConstant.STAT_ESME_RMISSINGTLV,
                        "vendor session TLV 0x" + Integer.toHexString(profile.sessionTag().get() & 0xFFFF) + " is missing");
            }
            vendorId = Optional.of(vendor.serialize()).map(UssdPdus::tlvValue);
        }
        byte coding = pdu.getDataCoding();
        if (!GsmCodec.supports(coding)) {
            // SMPP 3.4 has no status for a bad data_coding (5.0's ESME_RINVDCS); a system error is the closest
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RSYSERR,
                    "unsupported data_coding 0x" + Integer.toHexString(coding & 0xFF));
        }
        byte[] message = pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage();
        int opValue = serviceOp.getValue() & 0xFF;
        boolean abort = end || profile.abortOps().contains(opValue);
        return new MoUssd(msisdn, opValue, session, sequence, abort, vendorId, GsmCodec.decode(coding, message));
    }

    /** TLVs for the MT answering {@code mo}: continue (USSR request) or final (PSSR response, end bit). */
    OptionalParameter[] replyTlvs(MoUssd mo, boolean end) {
        List<OptionalParameter> tlvs = new ArrayList<>();
        tlvs.add(new OptionalParameter.Ussd_service_op(
                (byte) (end ? UssdProfile.PSSR_RESPONSE : UssdProfile.USSR_REQUEST)));
        if (mo.sessionNumber() >= 0) {
            int sequence = (mo.sequence() + 1) & 0x7F;
            short value = (short) ((mo.sessionNumber() << 8) | (sequence << 1) | (end ? 1 : 0));
            tlvs.add(new OptionalParameter.Its_session_info(value));
        }
        // the vendor's session id goes back exactly as it came
        mo.vendorSessionId().ifPresent(id -> tlvs.add(new OptionalParameter.OctetString(profile.sessionTag().get(), id)));
        return tlvs.toArray(new OptionalParameter[0]);
    }

    String sourceAddr() {
        return profile.sourceAddr();
    }

    /** An optional parameter serialises as tag(2) length(2) value; we want the value. */
    private static byte[] tlvValue(byte[] serialized) {
        return java.util.Arrays.copyOfRange(serialized, 4, serialized.length);
    }
}
