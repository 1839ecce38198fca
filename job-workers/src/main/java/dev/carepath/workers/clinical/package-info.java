/**
 * The clinical service (schema {@code clinical}): the intake, visits with a licensed provider and the
 * prescriptions they produce. The only holder of PHI; other capabilities read it by call through the types of
 * {@link dev.carepath.workers.clinical.api} only, never through its tables or its other classes, which are
 * package-private (docs/adr/0024-clinical-store-reached-by-call.md). PHI fields are stored sealed with the tenant's
 * data key ({@code PhiCipher}, Tink envelope encryption) and every read of them is published as
 * {@code clinical.phi-accessed} ({@code PhiAccessLog}).
 *
 * <p>Its internal HTTP API is the portal's way in, each endpoint behind its own service credential: the agent's
 * intake in ({@code PUT /internal/clinical/intakes/{tenantId}/{orderId}}), an order's latest prescription out
 * for an agent holding {@code phi:read} ({@code GET /internal/clinical/prescriptions/{tenantId}/{orderId}/latest},
 * an audited read naming the agent and the purpose).
 */
package dev.carepath.workers.clinical;
