package id.betang.gateway.ussd;

import java.util.Map;

import id.betang.menus.ActionResult;
import io.vertx.core.Future;

/** Runs the actions menus name ({@code registry.status}, {@code complaint.file}, ...). */
public interface Actions {

    Future<ActionResult> call(String action, Map<String, String> params, Caller caller);

    /** Who is asking, as the action needs to know it. */
    record Caller(String msisdn, String channel) {
    }
}
