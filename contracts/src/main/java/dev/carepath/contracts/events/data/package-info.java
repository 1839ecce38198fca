/**
 * The data of each domain event type, one record per type and schema version, so producers and consumers share
 * types the compiler checks instead of spelling map keys. {@link dev.carepath.contracts.events.data.EventCatalog}
 * maps records to and from the JSON of the envelope's {@code data}, which the schemas under
 * {@code schemas/events/} describe; a contract test keeps each record equal to its schema.
 */
package dev.carepath.contracts.events.data;
