-- Partner webhooks accepted so far: a partner's redelivery of the same event id has no second effect.
-- partner = '<kind>/<name>', e.g. 'telehealth/northstar' or 'pharmacy/pillbox'.
CREATE TABLE webhook_inbox (
    partner           text        NOT NULL,
    partner_event_id  text        NOT NULL,
    tenant_id         text        NOT NULL,
    event_type        text        NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, partner_event_id)
);
