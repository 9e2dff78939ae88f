package id.betang.simulator.web;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import id.betang.gateway.smpp.SmppStatus;
import id.betang.simulator.smsc.Pdu;
import id.betang.simulator.smsc.PduLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The session log as the web page reads it: one JSON object per PDU or note, fields named as in SMPP 3.4. */
final class SessionLogJson {

    private SessionLogJson() {
    }

    static JsonArray of(List<PduLog.Entry> entries) {
        JsonArray all = new JsonArray();
        entries.forEach(e -> all.add(of(e)));
        return all;
    }

    static JsonObject of(PduLog.Entry entry) {
        JsonObject json = new JsonObject().put("id", entry.id()).put("at", time(entry.at())).put("msisdn", entry.msisdn());
        if (entry instanceof Pdu pdu) {
            return pdu(json, pdu);
        }
        return json.put("kind", "note").put("text", ((PduLog.Note) entry).text());
    }

    private static JsonObject pdu(JsonObject json, Pdu pdu) {
        JsonObject fields = new JsonObject();
        pdu.fields().forEach(fields::put);
        JsonArray tlvs = new JsonArray();
        for (Pdu.Tlv tlv : pdu.tlvs()) {
            tlvs.add(new JsonObject().put("tag", String.format("0x%04x", tlv.tag())).put("name", tlv.name())
                    .put("length", tlv.length()).put("value", tlv.value()).put("meaning", tlv.meaning()));
        }
        return json.put("kind", "pdu")
                .put("dir", pdu.direction() == Pdu.Direction.IN ? "in" : "out")
                .put("link", pdu.link())
                .put("command", pdu.command())
                .put("commandId", String.format("0x%08x", pdu.commandId()))
                .put("sequence", pdu.sequence())
                .put("response", pdu.isResponse())
                .put("status", new JsonObject().put("code", pdu.status()).put("text", SmppStatus.describe(pdu.status())))
                .put("fields", fields)
                .put("tlvs", tlvs)
                .put("text", pdu.text())
                .put("problem", pdu.problem())
                .put("octets", pdu.octets().length)
                .put("hex", HexFormat.of().formatHex(pdu.octets()));
    }

    private static String time(long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
