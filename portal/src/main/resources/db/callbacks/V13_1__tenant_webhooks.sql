-- Signed webhooks to the tenants' callback URLs (the callbacks capability; portal/README.md, "Tenant webhooks").
-- Both tables are tenant-scoped: row-level security with the standard tenant policy comes from the migration run
-- (RowLevelSecurity, docs/adr/0006-tenancy-and-row-level-security.md).

-- A tenant's signing secrets (Standard Webhooks 'whsec_' secrets), sealed with Tink AES-256-GCM (SecretSealing,
-- bound to tenant and row). More than one is active only during a rotation's overlap window: deliveries are signed
-- with each active secret. A rotated-out secret keeps its row until retires_at, then it no longer signs.
CREATE TABLE signing_secret (
    secret_id     uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    sealed_secret bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retires_at  timestamptz
);
CREATE INDEX signing_secret_by_tenant ON signing_secret (tenant_id, created_at);

-- The outgoing deliveries, one per journey milestone, and the dispatcher's queue: due rows are claimed with
-- FOR UPDATE SKIP LOCKED, so every portal node shares the work. delivery_seq orders a journey's deliveries: the
-- dispatcher sends none while an earlier one of the same journey is still PENDING. payload holds the exact bytes
-- that are signed and sent: references only (type, ids, cycle, status or outcome, time), never PHI.
CREATE TABLE delivery (
    delivery_id      uuid        PRIMARY KEY,
    delivery_seq     bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    tenant_id        text        NOT NULL,
    journey_id       uuid        NOT NULL,
    event_id         text        NOT NULL,
    type             text        NOT NULL,
    cycle            integer,
    payload          text        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    retry_from       timestamptz NOT NULL DEFAULT now(),   -- the retry window runs from here (a replay resets it)
    delivered_at     timestamptz,
    UNIQUE (tenant_id, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_by_journey ON delivery (tenant_id, journey_id, delivery_seq);
CREATE INDEX delivery_by_status ON delivery (tenant_id, status, created_at);

-- The dispatcher finds due deliveries of every tenant, then works on each in that tenant's transaction. The
-- finding declares the purpose 'callback-dispatch', which may read and lock (FOR UPDATE) pending deliveries and
-- nothing else: no write, no other table, no signing secret.
CREATE POLICY callback_dispatch ON delivery FOR SELECT
    USING (current_setting('app.purpose', true) = 'callback-dispatch' AND status = 'PENDING');
CREATE POLICY callback_dispatch_lock ON delivery FOR UPDATE
    USING (current_setting('app.purpose', true) = 'callback-dispatch' AND status = 'PENDING')
    WITH CHECK (false);

-- Staff's overview of failed deliveries across tenants (the jar's webhook-deliveries command without a tenant)
-- declares 'callback-admin': read only, this table only.
CREATE POLICY callback_admin ON delivery FOR SELECT
    USING (current_setting('app.purpose', true) = 'callback-admin');
