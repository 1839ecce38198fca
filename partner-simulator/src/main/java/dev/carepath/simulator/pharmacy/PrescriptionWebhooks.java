package dev.carepath.simulator.pharmacy;

import dev.carepath.simulator.webhooks.WebhookEvent;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * The webhooks about one prescription, from {@code rx.dispensed} to {@code shipment.delivered}. Normally each
 * is sent when it happens. Under the out-of-order fault, everything before the last event is held back and sent
 * after it, newest first ({@code shipment.delivered}, then {@code shipment.shipped}, then {@code rx.dispensed}),
 * each once the one before has been delivered, so the receiver sees them in exactly that order.
 */
final class PrescriptionWebhooks {

    private final Function<WebhookEvent, CompletableFuture<Void>> sender;
    private final boolean outOfOrder;
    private final Deque<WebhookEvent> heldBack = new ConcurrentLinkedDeque<>();

    /**
     * @param sender     sends one event; completes once it was delivered or given up on
     * @param outOfOrder whether this prescription's events go out in reverse
     */
    PrescriptionWebhooks(Function<WebhookEvent, CompletableFuture<Void>> sender, boolean outOfOrder) {
        this.sender = sender;
        this.outOfOrder = outOfOrder;
    }

    /** An event that is not the last: sent now, or held back. */
    void announce(WebhookEvent event) {
        if (outOfOrder) {
            heldBack.push(event);
        } else {
            sender.apply(event);
        }
    }

    /** The last event: sent now, followed by whatever was held back. */
    void announceLast(WebhookEvent event) {
        sendHeldBackAfter(sender.apply(event));
    }

    /** The sequence ends without a last event (the carrier lost the parcel): sends whatever was held back. */
    void end() {
        sendHeldBackAfter(CompletableFuture.completedFuture(null));
    }

    private void sendHeldBackAfter(CompletableFuture<Void> previous) {
        CompletableFuture<Void> chain = previous;
        for (WebhookEvent event = heldBack.poll(); event != null; event = heldBack.poll()) {
            WebhookEvent next = event;
            chain = chain.thenCompose(delivered -> sender.apply(next));
        }
    }
}
