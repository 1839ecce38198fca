/**
 * How the simulated partners call carepath back: each event is signed with {@link
 * dev.carepath.contracts.webhooks.WebhookSignature} and delivered to {@code simulator.webhooks.target-url},
 * retried with exponential backoff until the receiver answers 2xx or the attempts run out; the sending partner
 * kind's faults make some deliveries late or twice.
 */
package dev.carepath.simulator.webhooks;
