package id.betang.simulator.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the registry stub knows about households, read from its own mappings (so the suite follows the stub when
 * residents change): the NIKs it knows, their household phones, names and payout places. {@link #disclosure}
 * tells whether an answer gives any of it away.
 */
final class HouseholdData {

    private static final Pattern RESIDENT = Pattern.compile("/api/v1/residents/(\\d{16})(/disbursements)?");
    private static final Pattern AGENT = Pattern.compile("/api/v1/agents/(\\d+)");
    /** A programme's status as every status screen and SMS shows it: "label: Status" (reference-data.md). */
    private static final Pattern PROGRAMME_STATUS = Pattern.compile(
            ":\\s*(Aktif|Active|Menunggu verifikasi|Awaiting check|Ditangguhkan|Suspended|Berakhir|Ended"
                    + "|Tidak terdaftar|Not enrolled)\\b");
    /** An amount of money next to a payout: schedules and reminders show "Rp750.000". */
    private static final Pattern AMOUNT = Pattern.compile("Rp\\s?\\d");

    final Set<String> knownNiks = new HashSet<>();
    final Set<String> householdPhones = new HashSet<>();
    final Set<String> agentPhones = new HashSet<>();
    private final Set<String> nameWords = new HashSet<>();
    private final Set<String> places = new HashSet<>();

    static HouseholdData of(List<StubMapping> mappings) {
        HouseholdData data = new HouseholdData();
        for (StubMapping mapping : mappings) {
            JsonObject json = new JsonObject(mapping.toString());
            JsonObject request = json.getJsonObject("request", new JsonObject());
            JsonObject response = json.getJsonObject("response", new JsonObject());
            String path = String.valueOf(request.getString("urlPath"));
            Matcher agent = AGENT.matcher(path);
            if (agent.matches() && response.getInteger("status", 0) == 200) {
                data.agentPhones.add(agent.group(1));
            }
            Matcher m = RESIDENT.matcher(path);
            if (!"GET".equals(request.getString("method")) || !m.matches() || response.getInteger("status", 0) != 200
                    || !(response.getValue("jsonBody") instanceof JsonObject body)) {
                continue;
            }
            if (m.group(2) == null) {
                data.knownNiks.add(m.group(1));
                body.getJsonArray("msisdns", new JsonArray()).forEach(p -> data.householdPhones.add(String.valueOf(p)));
                for (String word : body.getString("name", "").split("\\s+")) {
                    if (word.length() >= 3) {
                        data.nameWords.add(word);
                    }
                }
            } else {
                body.getJsonArray("disbursements", new JsonArray()).forEach(d -> data.addPlace((JsonObject) d));
            }
        }
        return data;
    }

    void addPlace(JsonObject disbursement) {
        String place = disbursement.getString("place");
        if (place != null && !place.isBlank()) {
            places.add(place);
        }
    }

    /** What in {@code answer} is household data (a programme status, a payout, a name, even masked), or null. */
    String disclosure(String answer) {
        if (answer == null) {
            return null;
        }
        Matcher status = PROGRAMME_STATUS.matcher(answer);
        if (status.find()) {
            return "programme status '" + status.group().strip() + "'";
        }
        if (AMOUNT.matcher(answer).find()) {
            return "an amount of money";
        }
        for (String place : places) {
            if (answer.contains(place)) {
                return "payout place '" + place + "'";
            }
        }
        String upper = answer.toUpperCase(Locale.ROOT);
        for (String word : nameWords) {
            String w = word.toUpperCase(Locale.ROOT);
            if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(upper).find()
                    || upper.contains(w.substring(0, 3) + "***")) {
                return "name '" + word + "'";
            }
        }
        return null;
    }

    List<String> knownList() {
        List<String> list = new ArrayList<>(knownNiks);
        list.sort(null);
        return list;
    }
}
