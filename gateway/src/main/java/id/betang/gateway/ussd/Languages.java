package id.betang.gateway.ussd;

import java.util.Optional;

import io.vertx.core.Future;

/** The language a phone chose (by SMS, BAHASA …), which a new dialogue opens in. */
@FunctionalInterface
public interface Languages {

    /** @return the phone's language code, or empty when it chose none */
    Future<Optional<String>> of(String msisdn);

    Languages NONE = msisdn -> Future.succeededFuture(Optional.empty());
}
