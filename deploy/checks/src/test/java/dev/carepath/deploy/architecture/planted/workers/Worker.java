package dev.carepath.deploy.architecture.planted.workers;

import dev.carepath.deploy.architecture.planted.connectors.Adapter;

/** Lawful: a worker on a partner adapter. */
public class Worker {

    public void perform(String orderId) {
        new Adapter().call(orderId);
    }
}
