/**
 * carepath's partner connectors. The sub-packages {@code payments}, {@code telehealth}, {@code erx},
 * {@code shipping} and {@code messaging} each hold a port in the domain's language and its HTTP adapter, which
 * maps the partner's JSON onto our records (anti-corruption layer); {@code partner} holds what they share: the
 * call template with its per-partner circuit breaker, the failure types and the webhook signature. {@link
 * dev.carepath.connectors.PartnerAdaptersConfiguration} wires the adapters for an application that imports it.
 * The {@code simulator} package is a separate Spring Boot application standing in for the partners; it is
 * never wired into an application that imports the adapters.
 */
package dev.carepath.connectors;
