package id.betang.simulator.smsc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session log at the PDU level: the last PDUs that crossed every link, both ways, with notes from the
 * web phone between them (what a person typed, a misbehaviour switched). Taking a PDU costs a copy of its
 * octets; it is decoded only when somebody reads the log, so load runs and benches pay next to nothing.
 */
public final class PduLog implements WireTap {

    /** What the log holds: a PDU, or a note in plain words. */
    public sealed interface Entry permits Pdu, Note {
        long id();

        long at();

        /** The phone it concerns, or null (link PDUs and SMSC-wide notes). */
        String msisdn();
    }

    public record Note(long id, long at, String msisdn, String text) implements Entry {
    }

    private static final int PENDING_LIMIT = 10_000;

    private final int capacity;
    private final PduDecoder decoder;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Requests awaiting their response, so a response names the phone of its request. */
    private final Map<String, String> pending = new LinkedHashMap<>();
    private long lastId;

    PduLog(int capacity, Short vendorSessionTag) {
        this.capacity = capacity;
        this.decoder = new PduDecoder(vendorSessionTag);
    }

    @Override
    public void pdu(int link, Pdu.Direction direction, byte[] octets) {
        add(new Slot(link, direction, octets, null, null));
    }

    public void note(String msisdn, String text) {
        add(new Slot(0, null, null, msisdn, text));
    }

    private synchronized void add(Slot slot) {
        slot.id = ++lastId;
        slots.addLast(slot);
        if (slots.size() > capacity) {
            slots.removeFirst();
        }
    }

    /**
     * Entries after {@code afterId}, oldest first, at most {@code max} (the newest ones).
     *
     * @param msisdn only this phone's entries; null for all, link PDUs included
     */
    public synchronized List<Entry> after(long afterId, String msisdn, int max) {
        List<Entry> found = new ArrayList<>();
        for (Slot slot : slots) {
            Entry entry = slot.entry();
            if (entry.id() > afterId && (msisdn == null || msisdn.equals(entry.msisdn()))) {
                found.add(entry);
            }
        }
        return found.size() <= max ? found : List.copyOf(found.subList(found.size() - max, found.size()));
    }

    /** Every phone the log has seen, in order of first appearance. */
    public synchronized List<String> phones() {
        return slots.stream().map(s -> s.entry().msisdn()).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** One entry as taken; decoded at its first read, in order, so responses find their requests. */
    private final class Slot {
        final long at = System.currentTimeMillis();
        final int link;
        final Pdu.Direction direction;
        final byte[] octets;
        final String msisdn;
        final String note;
        long id;
        Entry decoded;

        Slot(int link, Pdu.Direction direction, byte[] octets, String msisdn, String note) {
            this.link = link;
            this.direction = direction;
            this.octets = octets;
            this.msisdn = msisdn;
            this.note = note;
        }

        Entry entry() {
            if (decoded == null) {
                decoded = note != null ? new Note(id, at, msisdn, note) : attributed(decoder.decode(id, at, link,
                        direction, octets));
            }
            return decoded;
        }
    }

    private Pdu attributed(Pdu pdu) {
        if (!pdu.isResponse()) {
            if (pdu.msisdn() != null) {
                if (pending.size() >= PENDING_LIMIT) {
                    pending.clear(); // responses that never came: forget them rather than grow
                }
                pending.put(key(pdu.link(), pdu.direction(), pdu.sequence()), pdu.msisdn());
            }
            return pdu;
        }
        Pdu.Direction request = pdu.direction() == Pdu.Direction.IN ? Pdu.Direction.OUT : Pdu.Direction.IN;
        String phone = pending.remove(key(pdu.link(), request, pdu.sequence()));
        return phone == null ? pdu : pdu.withMsisdn(phone);
    }

    private static String key(int link, Pdu.Direction direction, int sequence) {
        return link + ":" + direction + ":" + sequence;
    }
}
