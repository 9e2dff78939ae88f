package id.betang.gateway.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Decoded JSON as the menus engine takes values: Strings, Lists and Maps, no Vert.x types. */
public final class PlainJson {

    private PlainJson() {
    }

    public static Object plain(Object value) {
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>();
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonObject object) {
        return (Map<String, Object>) plain(object);
    }
}
