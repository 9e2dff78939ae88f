package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.Gen;

/**
 * What jSMPP's decoder would throw on (and so leave unanswered) is found in the raw deliver_sm and
 * named with a status; everything else goes on to jSMPP as it came.
 */
class UnreadablePduTest {

    /** deliver_sm from 6281234567890 to 777, then what follows data_coding (sm_default_msg_id on). */
    private static byte[] deliverSm(String afterDataCodingHex) {
        return pdu(5, "5553534400" + "01013632383132333435363738393000" + "000037373700" + "000000" + "0000"
                + "000000" + afterDataCodingHex);
    }

    private static byte[] pdu(int commandId, String bodyHex) {
        int length = 16 + bodyHex.length() / 2;
        return HexFormat.of().parseHex(String.format("%08x%08x%08x%08x", length, commandId, 0, 7) + bodyHex);
    }

    @Test
    void aWellFormedDeliverSmIsReadable() {
        assertEquals(Optional.empty(), TlvLengthCheck.unreadable(deliverSm("00" + "052a37373723" + "0501000101")));
    }

    @Test
    void aPduEndingInsideItsAddressesNamesTheCommandLength() {
        byte[] cut = pdu(5, "5553534400" + "0101363238313233");
        assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, TlvLengthCheck.unreadable(cut).orElseThrow().status());
    }

    @Test
    void aShortMessageLongerThanThePduNamesTheMessageLength() {
        assertEquals(Optional.of(new TlvLengthCheck.Fault(SMPPConstant.STAT_ESME_RINVMSGLEN,
                "sm_length 200 runs past the end of the PDU")), TlvLengthCheck.unreadable(deliverSm("00" + "c82a3737")));
    }

    @Test
    void aMessagePayloadRunningPastTheEndNamesTheTlvStream() {
        assertEquals(Optional.of(new TlvLengthCheck.Fault(SMPPConstant.STAT_ESME_RINVTLVSTREAM,
                "TLV 0x0424 of 4096 octets runs past the end of the PDU")),
                TlvLengthCheck.unreadable(deliverSm("00" + "00" + "04241000c0ffee")));
    }

    @Test
    void aTlvHeaderCutShortNamesTheTlvStream() {
        assertEquals(SMPPConstant.STAT_ESME_RINVTLVSTREAM,
                TlvLengthCheck.unreadable(deliverSm("00" + "00" + "050100")).orElseThrow().status());
    }

    @Test
    void anEmptyUssdServiceOpIsAWrongTlvLength() {
        // jSMPP's Byte TLV throws on an empty value; the fixed-length rule names it
        assertEquals(Optional.of(new TlvLengthCheck.Fault(SMPPConstant.STAT_ESME_RINVTLVLEN,
                "TLV 0x0501 must be 1 octet, got 0")), TlvLengthCheck.unreadable(deliverSm("00" + "00" + "05010000")));
    }

    /** The property the bind relies on: whatever the bytes, either they are named unreadable or jSMPP reads them. */
    @Test
    void whatIsNotNamedUnreadableJsmppDecodesWithoutThrowing() {
        Gen gen = new Gen(Gen.seedOfThisRun());
        for (int i = 0; i < 3000; i++) {
            byte[] body = deliverSmBody(gen);
            try {
                namedUnreadableOrDecoded(body);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(String.format("try %d of seed %d (replay with -Dfuzz.seed=%d), body %s",
                        i, gen.seed(), gen.seed(), HexFormat.of().formatHex(body)), e);
            }
        }
    }

    private static void namedUnreadableOrDecoded(byte[] body) {
        byte[] pdu = ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(5).putInt(0).putInt(9)
                .put(body).array();
        Optional<TlvLengthCheck.Fault> fault = assertDoesNotThrow(() -> TlvLengthCheck.unreadable(pdu));
        assertDoesNotThrow(() -> TlvLengthCheck.check(pdu));
        if (fault.isEmpty()) {
            try {
                new DefaultDecomposer().deliverSm(pdu);
            } catch (PDUStringException e) {
                // refused by jSMPP with a status of its own: answered with generic_nack
            }
        }
    }

    /** Mostly a real prefix with random bytes after it, so the random part reaches the TLVs too. */
    private static byte[] deliverSmBody(Gen gen) {
        return gen.oneOf(() -> gen.bytes(0, 120), () -> afterPrefix(gen.bytes(0, 120)),
                () -> { // and cut in half
                    byte[] b = afterPrefix(gen.bytes(0, 120));
                    return Arrays.copyOf(b, b.length / 2);
                });
    }

    private static byte[] afterPrefix(byte[] tail) {
        byte[] prefix = HexFormat.of().parseHex("5553534400" + "01013632383132333435363738393000" + "000037373700"
                + "000000" + "0000" + "000000");
        byte[] b = Arrays.copyOf(prefix, prefix.length + tail.length);
        System.arraycopy(tail, 0, b, prefix.length, tail.length);
        return b;
    }

    @Test
    void anUnreadableDeliverSmIsHandedOnAsABlankOfTheSameSequence() throws IOException {
        TlvLengthCheck reader = new TlvLengthCheck();
        byte[] bad = deliverSm("00" + "00" + "04241000c0ffee");
        byte[] handedOn = read(reader, bad);
        assertDoesNotThrow(() -> new DefaultDecomposer().deliverSm(handedOn));
        assertEquals(7, ByteBuffer.wrap(handedOn).getInt(12), "same sequence number");
        assertEquals(handedOn.length, ByteBuffer.wrap(handedOn).getInt(0), "its own length");
        byte[] good = deliverSm("00" + "052a37373723" + "0501000101");
        assertArrayEquals(good, read(reader, good), "a readable PDU goes on as it came");
    }

    @Test
    void faultsOfPdusThatNeverReachTheListenerStayBounded() throws IOException {
        TlvLengthCheck reader = new TlvLengthCheck();
        for (int seq = 0; seq < 5 * TlvLengthCheck.MAX_PENDING; seq++) {
            byte[] bad = deliverSm("00" + "00" + "04241000c0ffee");
            ByteBuffer.wrap(bad).putInt(12, seq);
            read(reader, bad);
            byte[] wrongLength = deliverSm("00" + "00" + "138300032a0000");
            ByteBuffer.wrap(wrongLength).putInt(12, seq);
            read(reader, wrongLength);
        }
        assertEquals(TlvLengthCheck.MAX_PENDING, reader.pending());
    }

    @Test
    void aPduJsmppRefusesItselfLeavesNoFaultWaiting() throws IOException {
        // a 30-digit source_addr: jSMPP answers generic_nack ESME_RINVSRCADR and never calls the listener
        byte[] refused = pdu(5, "5553534400" + "0101" + "363238313233343536373839303132333435363738393031323334353637" + "00"
                + "000037373700" + "000000" + "0000" + "000000" + "00" + "00" + "138300032a0000");
        TlvLengthCheck reader = new TlvLengthCheck();
        assertArrayEquals(refused, read(reader, refused));
        assertEquals(0, reader.pending());
    }

    @Test
    void aCommandLengthNoPduCanHaveIsAFramingError() {
        for (int length : new int[] {0, 15, -1, Integer.MAX_VALUE, TlvLengthCheck.MAX_COMMAND_LENGTH + 1}) {
            byte[] header = ByteBuffer.allocate(16).putInt(length).putInt(5).putInt(0).putInt(1).array();
            assertThrows(InvalidCommandLengthException.class, () -> new TlvLengthCheck()
                    .readPDUHeader(new DataInputStream(new ByteArrayInputStream(header))), "command_length " + length);
        }
    }

    @Test
    void anUnreadableDataSmIsHandedOnReadable() throws IOException {
        byte[] cut = pdu(0x103, "5553534400" + "0101363238");
        byte[] handedOn = read(new TlvLengthCheck(), cut);
        assertDoesNotThrow(() -> new DefaultDecomposer().dataSm(handedOn));
        assertTrue(handedOn.length > 16);
    }

    private static byte[] read(TlvLengthCheck reader, byte[] pdu) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(pdu));
        try {
            Command header = reader.readPDUHeader(in);
            return reader.readPDU(in, header);
        } catch (InvalidCommandLengthException e) {
            throw new AssertionError(e);
        }
    }
}
