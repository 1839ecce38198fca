/**
 * The eligibility service (schema {@code eligibility}): the eligibility table evaluated on the intake
 * inside the clinical boundary; only the outcome and reason code are kept, handed to the journey and
 * announced with {@code patient.qualified} (once per order, with the kept row, through the schema's outbox).
 */
package dev.carepath.workers.eligibility;
