package dev.carepath.deploy.architecture.planted.connectors.simulator;

import dev.carepath.deploy.architecture.planted.connectors.Adapter;

/** Lawful: the partner simulator, a deployable of its own, on the adapters' types. */
public class Simulator {

    public String answer(String orderId) {
        return new Adapter().call(orderId).type();
    }
}
