/**
 * Sandbox scenarios, as a partner's sandbox offers test scenarios: what the partners do for one order, scripted in
 * advance by its client reference (our order id, which every adapter sends), so a test can choose an outcome
 * instead of hoping for it. A scenario can make the telehealth network's visit end without a prescription or
 * never complete, a pharmacy reject the NewRx with a reason or accept it without ever filling it, and the carrier
 * lose, damage or return every parcel. Set through {@code /admin/scenarios}; an order without a scenario gets the
 * simulator's configured behaviour.
 */
package dev.carepath.simulator.scenarios;
