package dev.carepath.deploy.architecture.planted.eventing;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;

/** Lawful: eventing on the contracts. */
public class Outbox {

    public void append(Envelope envelope) {
    }
}
