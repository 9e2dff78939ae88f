package id.betang.gateway.complaint;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import id.betang.gateway.ops.Budget;
import id.betang.gateway.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A ticket's status as residents ask for it (USSD 5, SMS TIKET): from the local store, which webhooks keep
 * current; when the last word is older than an hour and the registry has the complaint, the registry is
 * asked too, within the caller's time, in case a webhook was lost. Its answer is kept; failing that, the
 * local one is given.
 */
public final class Tickets {

    private static final Duration STALE = Duration.ofHours(1);

    private final Vertx vertx;
    private final ComplaintStore store;
    private final RegistryClient registry;
    private final Clock clock;

    public Tickets(Vertx vertx, ComplaintStore store, RegistryClient registry, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** @param waitMillis how long the caller can wait for the registry */
    public Future<Optional<Complaint>> find(String ticketId, long waitMillis) {
        return vertx.executeBlocking(() -> store.find(ticketId), false).compose(found -> {
            if (found.isEmpty() || found.get().updatedAt().isAfter(clock.instant().minus(STALE))) {
                return Future.succeededFuture(found);
            }
            Complaint local = found.get();
            Future<Optional<Complaint>> fresh = vertx.executeBlocking(() -> store.forwarded(ticketId), false)
                    .compose(forwarded -> forwarded ? registry.complaint(ticketId) : Future.failedFuture("not forwarded yet"))
                    .compose(state -> {
                        if (!Complaint.STATUSES.contains(state.status())) {
                            return Future.succeededFuture(found);
                        }
                        String note = state.note().orElse(local.note());
                        return vertx.executeBlocking(() -> {
                            store.refresh(ticketId, state.status(), note, state.updatedAt().orElse(null));
                            return store.find(ticketId);
                        }, false);
                    });
            return Budget.race(vertx, waitMillis, fresh.otherwise(found), () -> found, late -> { },
                    Future::succeededFuture);
        });
    }
}
