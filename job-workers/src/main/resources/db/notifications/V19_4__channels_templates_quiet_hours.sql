-- Notifications on every channel the patient chose (issue 19): per-channel opt-outs, each tenant's messaging
-- (brand, sender, support contact, quiet hours) and its own templates, and messages held back by quiet hours.
-- No contact data anywhere here: the address is read from the clinical store when a message goes out.

-- A patient's opt-out of one channel of an order's notifications, recorded once; the earliest stands.
CREATE TABLE channel_opt_out (
    tenant_id    text        NOT NULL,
    order_id     text        NOT NULL,
    channel      text        NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    opted_out_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, channel)
);

-- What a tenant's messages say about it, learned from tenant.provisioned (its optional "messaging"). A column left
-- null takes the default from configuration (carepath.notifications.*). Quiet hours: a local-time window in the
-- patient's state's time zone (start after end: the window spans midnight).
CREATE TABLE tenant_messaging (
    tenant_id       text        PRIMARY KEY,
    brand_name      text        NOT NULL,
    sender          text,
    support_contact text,
    quiet_start     time,
    quiet_end       time,
    sequence        bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A tenant's own wording of one notification (Mustache), in place of the default of configuration.
CREATE TABLE tenant_template (
    tenant_id   text NOT NULL,
    template_id text NOT NULL,
    subject     text,
    body        text NOT NULL,
    PRIMARY KEY (tenant_id, template_id)
);

-- An SMS or push message due in the patient's quiet hours, held until the window ends (due_at), then sent by the
-- deferred-messages poller under its own idempotency key. References only: the parameters are the template's
-- references (order id, carrier, tracking number), never contact data.
CREATE TABLE deferred_message (
    idempotency_key text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    order_id        text        NOT NULL,
    cycle           integer     NOT NULL CHECK (cycle >= 1),
    template_id     text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('sms', 'push')),
    trigger_type    text        NOT NULL,
    trigger_event_id uuid,
    state_code      char(2),
    parameters      jsonb       NOT NULL,
    due_at          timestamptz NOT NULL,
    deferred_at     timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0, -- tries the provider could not answer; bounded
    sent_at         timestamptz -- sent, or recorded as not sendable (notification.failed)
);
CREATE INDEX deferred_message_due ON deferred_message (due_at) WHERE sent_at IS NULL;

-- The poller finds every tenant's due messages (the ids only) under its declared purpose (ADR 6); it then sends
-- each in its tenant's own transaction, held to that tenant by the standard policy as everything else.
CREATE POLICY deferred_messages_due ON deferred_message FOR SELECT
    USING (current_setting('app.purpose', true) = 'deferred-notifications');
