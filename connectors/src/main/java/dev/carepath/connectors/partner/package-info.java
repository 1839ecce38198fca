/**
 * What every partner adapter shares: the two ways a partner call fails ({@link
 * dev.carepath.connectors.partner.PartnerRejectedException} for a partner's "no",
 * {@link dev.carepath.connectors.partner.PartnerUnavailableException} for anything worth retrying), the HTTP
 * client settings and call template that maps partner answers onto them, a circuit breaker per partner, and the
 * webhook signature scheme partners use when they call us back.
 *
 * <h2>Retries</h2>
 * Adapters never retry on their own, and {@link dev.carepath.connectors.partner.PartnerHttp} makes exactly one
 * attempt per call (none while the partner's circuit is open: then it throws
 * {@link dev.carepath.connectors.partner.PartnerCircuitOpenException}, which says how long the circuit stays open,
 * so the engine's retry can wait that long without counting a try that was never made). A retry is only ever done
 * by re-running an idempotent operation with the same idempotency key: the engine retries the failed external
 * task with backoff,
 * the worker calls the port again with the key it used before (order cycle for a charge, Rx id for a
 * prescription, message key for a notification), and the partner answers with the outcome it recorded the first
 * time. That is what makes the "lost answer" safe: a call that timed out may well have charged or prescribed, and
 * the retry finds that result instead of making a second one. Retrying inside an adapter would only multiply the
 * load on a partner that is already struggling, and hide the failure from the engine's incident handling.
 */
package dev.carepath.connectors.partner;
