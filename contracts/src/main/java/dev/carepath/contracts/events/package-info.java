/**
 * The domain events carepath publishes: their type names and the CloudEvents 1.0 envelope that carries
 * them on the wire (structured JSON mode), with the extensions {@code tenantid}, {@code sequence} and
 * {@code traceparent}. Event data holds references and routing facts only, never PHI.
 */
package dev.carepath.contracts.events;
