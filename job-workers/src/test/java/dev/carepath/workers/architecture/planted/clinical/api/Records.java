package dev.carepath.workers.architecture.planted.clinical.api;

/** Lawful: an api type that shows no internal. */
public interface Records {

    String stateOf(String orderId);
}
