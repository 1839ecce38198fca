-- Notifications service: each journey notification sent once. The idempotency key is
-- tenant:order:cycle:notification; the recipient's address is never stored here.
CREATE TABLE notification (
    idempotency_key text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    order_id        text        NOT NULL,
    cycle           integer     NOT NULL CHECK (cycle >= 1),
    template_id     text        NOT NULL,
    channel         text        NOT NULL,
    provider        text        NOT NULL,
    message_id      text        NOT NULL,
    sent_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_by_order ON notification (tenant_id, order_id, cycle);
