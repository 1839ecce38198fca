-- Tenants (client organizations), what each may offer (therapy x state), and their machine clients
-- (OAuth2 client credentials of one tenant each). Row-level security comes from the standard tenant
-- policy (RowLevelSecurity); entitlements are read on every journey request, so a change applies to the
-- next request without new credentials.
CREATE TABLE tenant (
    tenant_id         text        PRIMARY KEY,
    name              text        NOT NULL,
    merchant_account  text        NOT NULL,   -- the tenant's own merchant at the payment processor
    callback_url      text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entitlement (
    tenant_id   text    NOT NULL,
    therapy     text    NOT NULL,
    state_code  char(2) NOT NULL,
    PRIMARY KEY (tenant_id, therapy, state_code)
);

-- secret_hash: the client secret, hashed (PasswordEncoder id prefix, e.g. {bcrypt}); the secret itself
-- is shown once, at creation. A revoked client keeps its row (revoked_at) for the audit trail.
CREATE TABLE machine_client (
    client_id    text        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    name         text        NOT NULL,
    secret_hash  text        NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
CREATE INDEX machine_client_by_tenant ON machine_client (tenant_id);

-- The token endpoint finds a client by its id before any tenant is known: that lookup declares the
-- purpose 'client-authentication' and may read this table only
-- (docs/adr/0006-tenancy-and-row-level-security.md).
CREATE POLICY client_authentication ON machine_client FOR SELECT
    USING (current_setting('app.purpose', true) = 'client-authentication');
