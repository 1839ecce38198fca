/**
 * The partners as this deployable sees them: the state of each partner's circuit breaker (connectors'
 * {@code PartnerHttp}, one per partner) and its recent failure rate, for the staff console's partner health page
 * ({@code GET /internal/partners}, a service credential, no PHI).
 */
package dev.carepath.workers.partners;
