package id.betang.simulator.smsc;

import java.util.List;
import java.util.Map;

/**
 * One PDU as it crossed a link, decoded for the people reading the session log: the header, the mandatory
 * fields that matter for USSD and SMS, every TLV, the short_message as text, and the octets.
 *
 * @param fields    mandatory fields by their SMPP 3.4 name, in PDU order (service_type, esm_class, …)
 * @param text      short_message (or message_payload) decoded by its data_coding; null when there is none
 * @param msisdn    the phone this PDU concerns: source of a deliver_sm, destination of a submit_sm, and for
 *                  a response the phone of its request; null for link PDUs (bind, enquire_link, unbind)
 * @param problem   what could not be decoded (a cut PDU, a TLV running past the end); null when all was read
 */
public record Pdu(long id, long at, int link, Pdu.Direction direction, int commandId, String command,
                  int sequence, int status, Map<String, String> fields, List<Tlv> tlvs, String text,
                  String msisdn, String problem, byte[] octets) implements PduLog.Entry {

    /** Which way a PDU went, seen from the gateway's side of the link, as its own logs would say it. */
    public enum Direction {
        /** SMSC to gateway: deliver_sm (MO, receipts), the responses to what the gateway sent, enquire_link. */
        IN,
        /** Gateway to SMSC: bind, submit_sm (MT), deliver_sm_resp, generic_nack, enquire_link. */
        OUT
    }

    /** A TLV as it was on the wire; {@code value} shows it as its kind reads (a number, text or octets). */
    public record Tlv(int tag, String name, int length, String value, String meaning) {
    }

    Pdu withMsisdn(String phone) {
        return new Pdu(id, at, link, direction, commandId, command, sequence, status, fields, tlvs, text, phone,
                problem, octets);
    }

    public boolean isResponse() {
        return (commandId & 0x80000000) != 0;
    }

    /** The TLV with this tag, if the PDU has one. */
    public java.util.Optional<Tlv> tlv(int tag) {
        return tlvs.stream().filter(t -> t.tag() == tag).findFirst();
    }

}
