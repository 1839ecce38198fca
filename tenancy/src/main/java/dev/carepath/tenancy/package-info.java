/**
 * Tenancy as every deployable uses it: the tenant of each transaction ({@link dev.carepath.tenancy.TenantScope},
 * {@link dev.carepath.tenancy.TenantTransactions}), the service schemas migrated by their owner
 * ({@link dev.carepath.tenancy.ServiceSchemas}, {@link dev.carepath.tenancy.SchemaOwner}), row-level security on every
 * tenant-scoped table ({@link dev.carepath.tenancy.RowLevelSecurity}) and the one policy for the application role's
 * privileges in every schema an owner migrates ({@link dev.carepath.tenancy.ApplicationRoleGrants}). See
 * docs/adr/0006-tenancy-and-row-level-security.md and docs/adr/0025-tenancy-module-and-one-grant-policy.md.
 */
package dev.carepath.tenancy;
