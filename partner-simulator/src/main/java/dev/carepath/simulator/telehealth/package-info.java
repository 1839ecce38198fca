/**
 * Simulated telehealth networks ({@code meridian-health}, {@code bluepeak-clinicians}): idempotent visit
 * booking, refused where the network has no provider licensed in the patient's state; the visit completes after
 * a delay, writes a starter-dose prescription, and announces itself with a signed {@code visit.completed}
 * webhook.
 */
package dev.carepath.simulator.telehealth;
