package dev.carepath.deploy.architecture.planted.portal;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;

/** Lawful: the portal on the contracts. */
public class Console {

    public Envelope show(String orderId) {
        return new Envelope(orderId);
    }
}
