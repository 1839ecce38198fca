/**
 * The event catalog's JSON Schemas (draft 2020-12), one per event type and major version under
 * {@code schemas/events/<type>/v<major>.json} on the classpath: validating event data against them
 * ({@link dev.carepath.contracts.schemas.EventSchemas}) and telling whether a schema change is
 * compatible within a major version ({@link dev.carepath.contracts.schemas.SchemaCompatibility}).
 */
package dev.carepath.contracts.schemas;
