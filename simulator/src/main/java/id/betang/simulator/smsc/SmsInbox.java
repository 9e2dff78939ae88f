package id.betang.simulator.smsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handset's SMS inbox: parts of a concatenated SMS are shown as one message once all have arrived. */
public final class SmsInbox {

    /** One SMS as the resident reads it. */
    public record Sms(String from, String text, List<MtRecord> pdus) {
    }

    private final BlockingQueue<Sms> whole = new LinkedBlockingQueue<>();
    private final Map<Integer, Map<Integer, MtRecord>> partial = new ConcurrentHashMap<>();

    synchronized void add(MtRecord mt) {
        if (mt.part() == null) {
            whole.add(new Sms(mt.source(), mt.text(), List.of(mt)));
            return;
        }
        Map<Integer, MtRecord> parts = partial.computeIfAbsent(mt.part().reference(), k -> new TreeMap<>());
        parts.put(mt.part().sequence(), mt);
        if (parts.size() == mt.part().total()) {
            partial.remove(mt.part().reference());
            StringBuilder text = new StringBuilder();
            parts.values().forEach(p -> text.append(p.text()));
            whole.add(new Sms(mt.source(), text.toString(), List.copyOf(parts.values())));
        }
    }

    public Sms await(Duration wait) throws InterruptedException {
        return whole.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Sms> drain() {
        List<Sms> all = new ArrayList<>();
        whole.drainTo(all);
        return all;
    }
}
