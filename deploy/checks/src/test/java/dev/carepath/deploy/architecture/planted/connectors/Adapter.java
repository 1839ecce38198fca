package dev.carepath.deploy.architecture.planted.connectors;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;

/** Lawful: a partner adapter on the contracts. */
public class Adapter {

    public Envelope call(String orderId) {
        return new Envelope(orderId);
    }
}
