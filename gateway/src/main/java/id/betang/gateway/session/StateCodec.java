package id.betang.gateway.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.betang.menus.DialogueState;
import id.betang.menus.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** DialogueState ⇄ compact JSON (short field names: it is written on every USSD step). */
final class StateCodec {

    private StateCodec() {
    }

    static String encode(DialogueState s) {
        return encode(s, null);
    }

    /** With the checksum of the menu version the dialogue runs on ({@code m}), so it finishes on that version. */
    static String encode(DialogueState s, String menu) {
        JsonObject json = new JsonObject()
                .put("s", s.screen())
                .put("l", s.lang())
                .put("a", s.audience() == Screen.Audience.AGENT ? 1 : 0)
                .put("p", s.page())
                .put("k", s.strikes())
                .put("t", new JsonArray(s.trail()))
                .put("v", new JsonObject(new LinkedHashMap<>(s.values())));
        if (!s.pending().isEmpty()) {
            json.put("q", new JsonArray(s.pending()));
        }
        if (menu != null) {
            json.put("m", menu);
        }
        return json.encode();
    }

    static DialogueState decode(String text) {
        return decodeSaved(text).state();
    }

    /** The state and its menu version; null for a session saved before versions were recorded. */
    static SessionStore.Saved decodeSaved(String text) {
        JsonObject json = new JsonObject(text);
        return new SessionStore.Saved(state(json), json.getString("m"));
    }

    private static DialogueState state(JsonObject json) {
        Map<String, Object> values = new LinkedHashMap<>();
        json.getJsonObject("v", new JsonObject()).forEach(e -> values.put(e.getKey(), PlainJson.plain(e.getValue())));
        return new DialogueState(json.getString("s"), json.getString("l"),
                json.getInteger("a", 0) == 1 ? Screen.Audience.AGENT : Screen.Audience.RESIDENT,
                json.getInteger("p", 0), json.getInteger("k", 0), strings(json.getJsonArray("t")), values,
                strings(json.getJsonArray("q")));
    }

    private static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> list.add(String.valueOf(item)));
        }
        return list;
    }
}
