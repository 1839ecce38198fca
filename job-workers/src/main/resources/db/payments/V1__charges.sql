-- Payments service: one charge per order cycle. The idempotency key sent to the processor is
-- tenant:order:cycle, so a re-run worker can never charge a cycle twice.
CREATE TABLE charge (
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    cycle            integer     NOT NULL CHECK (cycle >= 1),
    idempotency_key  text        NOT NULL UNIQUE,
    processor        text        NOT NULL,
    merchant_account text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('captured', 'declined')),
    charge_id        text,
    amount_minor     bigint      NOT NULL CHECK (amount_minor > 0),
    currency         char(3)     NOT NULL,
    decline_reason   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, cycle),
    CHECK (status <> 'captured' OR charge_id IS NOT NULL)
);
