/**
 * The eligibility service (schema {@code eligibility}): the eligibility table evaluated on the intake
 * inside the clinical boundary; only the outcome and reason code are kept and handed to the journey.
 */
package dev.carepath.workers.eligibility;
