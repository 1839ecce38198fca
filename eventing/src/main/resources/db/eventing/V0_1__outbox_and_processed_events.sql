-- Shipped by the eventing module and applied to every service schema that publishes or consumes
-- events (Flyway runs it with search_path set to that schema).

-- Transactional outbox: written in the same local transaction as the state change it announces.
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    tenant_id     text        NOT NULL,
    aggregate_id  text        NOT NULL,
    sequence      bigint      NOT NULL,
    event_type    text        NOT NULL,
    envelope      jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    UNIQUE (aggregate_id, sequence)
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Idempotent consumers: an event id recorded here in the same transaction as its effect.
CREATE TABLE processed_event (
    consumer      text        NOT NULL,
    event_id      uuid        NOT NULL,
    tenant_id     text        NOT NULL,
    event_type    text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
