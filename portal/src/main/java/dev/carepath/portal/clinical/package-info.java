/**
 * Clinical data through the agent API, kept in the clinical store (job-workers, schema {@code clinical}) and never
 * in the portal: an agent's intake answers are validated and forwarded there
 * ({@code PUT /v1/journeys/{id}/intake}, {@code journeys:write}), and a journey's latest prescription is read from
 * there ({@code GET /v1/journeys/{id}/prescription?purpose=}, {@code phi:read}), the clinical store recording the
 * read ({@code clinical.phi-accessed}: the agent's client id and the purpose). The portal neither stores nor logs
 * either. It calls the clinical store's internal HTTP API ({@link dev.carepath.portal.clinical.ClinicalStore}) with
 * one service credential per call: clinical-intake to put an intake, clinical-reader to read.
 */
package dev.carepath.portal.clinical;
