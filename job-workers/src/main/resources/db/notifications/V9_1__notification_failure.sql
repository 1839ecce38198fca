-- Notifications service: a patient message that could not be sent (no intake on file, the provider refused
-- the address), recorded once per triggering notification so a redelivered event does not try again and
-- staff can follow up. The key is the notification's idempotency key; no contact data is stored.
CREATE TABLE notification_failure (
    idempotency_key  text        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    trigger_type     text        NOT NULL,
    trigger_event_id uuid        NOT NULL,
    template_id      text        NOT NULL,
    channel          text        NOT NULL,
    reason           text        NOT NULL,
    failed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_failure_by_order ON notification_failure (tenant_id, order_id);
