package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.smpp.GsmCodec;
import id.betang.gateway.smpp.SmsCodec;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;

/**
 * Replays every recorded exchange under {@code traces/} (one file per telco profile and situation)
 * against the real gateway: the SMSC side is sent octet for octet, the gateway's answers are checked
 * field by field. A new operator's quirks become a trace file plus its {@code set} lines, not new code.
 */
class TraceReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, Integer> COMMANDS = Map.of(
            "submit_sm", SMPPConstant.CID_SUBMIT_SM,
            "deliver_sm_resp", SMPPConstant.CID_DELIVER_SM_RESP,
            "generic_nack", SMPPConstant.CID_GENERIC_NACK,
            "data_sm_resp", SMPPConstant.CID_DATA_SM_RESP,
            "enquire_link_resp", SMPPConstant.CID_ENQUIRE_LINK_RESP);

    private static String mysqlUrl;

    @BeforeAll
    static void storage() {
        mysqlUrl = TestStorage.freshDatabase("trace_replay");
        // migrated here, so each replay can start from an empty outbox
        Database.open(new GatewayConfig.Mysql(mysqlUrl, TestStorage.mysqlUser(), TestStorage.mysqlPassword())).close();
    }

    @AfterAll
    static void dropStorage() {
        TestStorage.dropDatabase(mysqlUrl);
    }

    @TestFactory
    Stream<DynamicTest> everyTraceReplays() throws IOException, URISyntaxException {
        Path root = Path.of(TraceReplayIT.class.getResource("/traces").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
        assertTrue(files.size() >= 2, "the trace kit ships traces for both profiles");
        return files.stream().map(file -> {
            String name = root.relativize(file).toString();
            return DynamicTest.dynamicTest(name, () -> replay(Trace.parse(name, Files.readString(file))));
        });
    }

    private void replay(Trace trace) throws Exception {
        sql("DELETE FROM outbox_sms_part");
        sql("DELETE FROM outbox_sms");
        try (TraceSmsc smsc = new TraceSmsc()) {
            Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("trace"));
            env.putAll(trace.settings());
            try (InProcessGateway gateway = InProcessGateway.start(env)) {
                assertTrue(smsc.awaitBound(Duration.ofSeconds(30)), trace.name() + ": the gateway did not bind");
                gateway.awaitBound(Duration.ofSeconds(30));
                int answered = 0;
                for (Trace.Step step : trace.steps()) {
                    if (step instanceof Trace.Send send) {
                        smsc.send(send.pdu());
                    } else if (step instanceof Trace.Expect expect) {
                        answered += check(trace, expect, smsc, answered);
                    } else if (step instanceof Trace.OutboxIs outbox) {
                        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(outbox.status(),
                                newestOutboxStatus(), at(trace, outbox.line()) + "outbox status"));
                    }
                }
                // anything the gateway sends late is still unexpected
                await(trace.name()).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertEquals(List.of(), smsc.unexpected().stream().map(TraceReplayIT::describe).toList(),
                                trace.name() + ": the gateway sent PDUs the trace does not expect"));
            }
        }
    }

    /** Checks one expected PDU; answers a submit_sm as the trace says. Returns the submit_sm answered. */
    private int check(Trace trace, Trace.Expect expect, TraceSmsc smsc, int answeredBefore) throws Exception {
        Integer command = COMMANDS.get(expect.command());
        if (command == null) {
            fail(at(trace, expect.line()) + "unknown command '" + expect.command() + "', known: " + COMMANDS.keySet());
        }
        byte[] pdu = smsc.next(command, WAIT);
        if (pdu == null) {
            fail(at(trace, expect.line()) + "expected " + expect.command() + ", the gateway sent none within "
                    + WAIT.toSeconds() + " s; it sent: " + smsc.unexpected().stream().map(TraceReplayIT::describe).toList());
        }
        ByteBuffer header = ByteBuffer.wrap(pdu);
        SubmitSm submit = command == SMPPConstant.CID_SUBMIT_SM ? new DefaultDecomposer().submitSm(pdu) : null;
        for (Map.Entry<String, String> field : expect.fields().entrySet()) {
            String key = field.getKey();
            String want = field.getValue();
            String where = at(trace, expect.line()) + expect.command() + " " + key;
            switch (key) {
                case "status" -> assertEquals(number(want), header.getInt(8), where);
                case "seq" -> assertEquals(number(want), header.getInt(12), where);
                case "reply_id", "reply_status" -> { }
                default -> {
                    if (submit == null) {
                        fail(where + ": only submit_sm has this field");
                    }
                    checkSubmitField(submit, key, want, where);
                }
            }
        }
        if (submit == null) {
            return 0;
        }
        int sequence = header.getInt(12);
        int status = number(expect.fields().getOrDefault("reply_status", "0"));
        String id = expect.fields().getOrDefault("reply_id", "T" + (answeredBefore + 1));
        smsc.send(status == 0 ? new DefaultComposer().submitSmResp(sequence, id)
                : ByteBuffer.allocate(16).putInt(16).putInt(SMPPConstant.CID_SUBMIT_SM_RESP).putInt(status)
                        .putInt(sequence).array());
        return 1;
    }

    private static void checkSubmitField(SubmitSm submit, String key, String want, String where) throws Exception {
        switch (key) {
            case "service_type" -> assertEquals(want, submit.getServiceType(), where);
            case "source" -> assertEquals(want, submit.getSourceAddr(), where);
            case "dest" -> assertEquals(want, submit.getDestAddress(), where);
            case "esm_class" -> assertEquals(number(want), submit.getEsmClass() & 0xFF, where);
            case "data_coding" -> assertEquals(number(want), submit.getDataCoding() & 0xFF, where);
            case "ussd_service_op" -> assertEquals(want, tlvNumber(submit.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP)), where);
            case "its_session_info" -> assertEquals(want, tlvHex(submit.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO)), where);
            case "end" -> {
                OptionalParameter info = submit.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO);
                assertEquals(want, info == null ? "absent" : String.valueOf(((OptionalParameter.Short) info).getValue() & 1), where);
            }
            case "text" -> assertEquals(want, text(submit), where);
            case "text^" -> {
                String got = text(submit);
                assertTrue(got.startsWith(want), where + ": expected to start with \"" + want + "\", got \"" + got + "\"");
            }
            default -> {
                if (!key.startsWith("tlv.")) {
                    fail(where + ": unknown field (see traces/README.md)");
                }
                short tag = (short) Integer.parseInt(key.substring(4), 16);
                assertEquals(want, tlvHex(submit.getOptionalParameter(tag)), where);
            }
        }
    }

    private static String text(SubmitSm submit) throws Exception {
        byte[] message = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
        if ((submit.getEsmClass() & 0x40) != 0) {
            message = SmsCodec.splitUdh(message).bytes();
        }
        return GsmCodec.decode(submit.getDataCoding(), message);
    }

    private static String tlvNumber(OptionalParameter p) {
        return p == null ? "absent" : String.valueOf(p.serialize()[4] & 0xFF);
    }

    private static String tlvHex(OptionalParameter p) {
        if (p == null) {
            return "absent";
        }
        byte[] raw = p.serialize();
        return "0x" + HexFormat.of().formatHex(Arrays.copyOfRange(raw, 4, raw.length));
    }

    private static int number(String text) {
        return text.startsWith("0x") ? Integer.parseUnsignedInt(text.substring(2), 16) : Integer.parseInt(text);
    }

    private static String describe(byte[] pdu) {
        ByteBuffer b = ByteBuffer.wrap(pdu);
        return String.format("command 0x%08x status 0x%x seq %d", b.getInt(4), b.getInt(8), b.getInt(12));
    }

    private static String at(Trace trace, int line) {
        return trace.name() + ":" + line + ": ";
    }

    private static String newestOutboxStatus() throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM outbox_sms ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "no row";
        }
    }

    private static void sql(String statement) throws Exception {
        TestStorage.execute(mysqlUrl, statement);
    }
}
