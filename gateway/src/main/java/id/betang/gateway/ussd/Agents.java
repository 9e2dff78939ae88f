package id.betang.gateway.ussd;

import java.util.Optional;

import io.vertx.core.Future;

/** Whether a phone belongs to a registered social worker, who sees the agent menu (option 7). */
@FunctionalInterface
public interface Agents {

    /** @return the agent id, or empty for a resident */
    Future<Optional<String>> agentId(String msisdn);

    Agents NONE = msisdn -> Future.succeededFuture(Optional.empty());
}
