/**
 * Tenants (the client organizations), what each may offer (entitlements: therapy x state, read on every
 * journey request) and their machine clients (one OAuth2 client-credentials client per agent, created
 * and revoked one by one), all in schema {@code tenants}, managed by platform staff through
 * {@code /v1/admin/tenants}. Provisioning a tenant publishes {@code tenant.provisioned}.
 *
 * <p>Public API for other capabilities: {@link dev.carepath.portal.tenants.Tenants#entitles} and
 * {@link dev.carepath.portal.tenants.MachineClients}.
 */
package dev.carepath.portal.tenants;
