-- One row per order a client's agent placed; the order id is also the journey id.
-- payment_token is the processor's token, never card data; patient_reference is the client's opaque
-- reference and never leaves this schema (events carry the order id instead).
CREATE TABLE journey_order (
    id                 uuid        PRIMARY KEY,
    tenant_id          text        NOT NULL,
    patient_reference  text        NOT NULL,
    therapy            text        NOT NULL,
    state_code         char(2)     NOT NULL,
    payment_token      text        NOT NULL,
    cycle              int         NOT NULL DEFAULT 1,
    idempotency_key    text        NOT NULL,
    -- SHA-256 (hex) of the validated request's canonical form: a replay must match it.
    request_hash       text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT journey_order_idempotency UNIQUE (tenant_id, idempotency_key)
);
