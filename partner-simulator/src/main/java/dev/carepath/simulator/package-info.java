/**
 * The partner simulator: a Spring Boot application of its own (run from the {@code -simulator} jar) that stands
 * in for the external partners: payment processors, telehealth networks, pharmacies, parcel carriers and
 * messaging providers, with their idempotency, declines, licensure rules, delayed outcomes as signed webhooks,
 * and injectable faults. Every partner keeps an in-memory ledger so a test or benchmark can check that money
 * moved once, every prescription was written once and every message sent once. Like a partner's sandbox, it takes
 * test scenarios per order ({@code PUT /admin/scenarios/{clientReference}}), so a test chooses what the partners do
 * for its order (a visit without a prescription, a rejected or never-filled eRx, a lost parcel) instead of relying
 * on chance. It reads {@code simulator.yml}, never {@code application.yml}.
 *
 * <p>Sub-packages: {@code payments}, {@code telehealth}, {@code pharmacy}, {@code shipping}, {@code messaging}
 * (one per partner kind), {@code faults} (latency, errors, timeouts, declines and misbehaving webhooks,
 * changeable at runtime), {@code scenarios} (per-order sandbox scenarios), {@code webhooks} (signed delivery with
 * retries), {@code ledger} (the summary across partners) and {@code callbacks} (the demo's receiver of carepath's
 * signed tenant webhooks). This package holds what they share.
 */
package dev.carepath.simulator;
