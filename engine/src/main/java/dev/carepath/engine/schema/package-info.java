/**
 * Operaton's tables (schema {@code engine}), created and upgraded by the schema's owner with a Flyway history of
 * their own before the process engine starts, from the SQL scripts in Operaton's engine jar, so that the engine runs
 * as an application role that owns nothing and may not change the schema. See
 * docs/adr/0009-operaton-schema-migrated-by-its-owner.md.
 */
package dev.carepath.engine.schema;
