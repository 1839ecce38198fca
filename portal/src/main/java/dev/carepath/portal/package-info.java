/**
 * The portal deployable, carepath's front door. Capabilities, one package each:
 * <ul>
 *   <li>{@code journeys}: orders and the agent API that starts and reads journeys (schema {@code orders});</li>
 *   <li>{@code ingress}: signed partner webhooks normalized into domain events (schema {@code ingress});</li>
 *   <li>{@code readmodel}: the journey status projection built from every event (schema {@code read});</li>
 *   <li>{@code clinical}: a journey's intake and prescription through the agent API, kept in the clinical store
 *       (job-workers), never here;</li>
 *   <li>{@code web}: the problem responses (RFC 9457) and edge checks shared by the HTTP endpoints.</li>
 * </ul>
 * A capability reaches another only through its public Java types, never through its tables.
 */
package dev.carepath.portal;
