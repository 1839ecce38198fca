/**
 * The journey read model (CQRS), schema {@code read}: consumes every domain event on the backbone
 * (consumer group {@code portal-read-model}, idempotent by event id) and keeps per journey its status,
 * the partner ids learnt so far and a timeline of its events. It can be rebuilt by replaying the event
 * log. Status only moves forward by rank, so events arriving out of order never move it back.
 *
 * <p>Public API: {@link dev.carepath.portal.readmodel.JourneyReadModel} and
 * {@link dev.carepath.portal.readmodel.JourneyProgress}.
 */
package dev.carepath.portal.readmodel;
