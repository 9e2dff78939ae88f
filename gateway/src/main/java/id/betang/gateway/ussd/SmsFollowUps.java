package id.betang.gateway.ussd;

import io.vertx.core.Future;

/** Where an answer that missed its USSD step goes: an SMS to the caller, through the outbox. */
@FunctionalInterface
public interface SmsFollowUps {

    Future<Void> send(String msisdn, String text);
}
