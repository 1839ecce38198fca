package dev.carepath.deploy.architecture.planted.simulator;

import dev.carepath.deploy.architecture.planted.connectors.Adapter;

/**
 * Planted: the simulator answering through the adapters' code (breaks simulatorSharesNoCodeWithTheAdapters): it
 * would then agree with the adapters by construction, not over the wire.
 */
class SimulatorThatUsesAnAdapter {

    String answer(String orderId) {
        return new Adapter().call(orderId).type();
    }
}
