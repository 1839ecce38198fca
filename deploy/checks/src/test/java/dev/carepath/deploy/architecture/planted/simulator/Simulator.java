package dev.carepath.deploy.architecture.planted.simulator;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;

/** Lawful: the partner simulator, a deployable of its own, on the contracts only (the webhook signature). */
public class Simulator {

    public String answer(String orderId) {
        return new Envelope("order.created " + orderId).type();
    }
}
