package dev.carepath.deploy.architecture.planted.engine;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;
import dev.carepath.deploy.architecture.planted.eventing.Outbox;

/** Lawful: a deployable on eventing and the contracts. */
public class Journeys {

    private final Outbox outbox = new Outbox();

    public void start(String orderId) {
        outbox.append(new Envelope("order.created"));
    }
}
