/**
 * The face of the clinical service inside the job-workers: the only types of {@code dev.carepath.workers.clinical}
 * that another capability may use. Eligibility reads an order's {@link dev.carepath.workers.clinical.api.Intake}
 * ({@link dev.carepath.workers.clinical.api.Intakes#forEvaluation}), pharmacy the
 * {@link dev.carepath.workers.clinical.api.Prescription} it transmits
 * ({@link dev.carepath.workers.clinical.api.Prescriptions#forTransmission}), notifications the patient's contact
 * data, the cycle of an Rx and the state of a visit. Each read of PHI is audited by the store behind these
 * interfaces. Everything else of the clinical service (its tables, the PHI cipher, the audit log, the internal HTTP
 * API and its workers) is package-private; the boundary is checked ({@code CapabilityBoundariesTest}) and its reasons
 * written down in docs/adr/0024-clinical-store-reached-by-call.md.
 */
package dev.carepath.workers.clinical.api;
