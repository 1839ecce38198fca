-- Refunds: at most one per charge (the compensation of a cycle's charge). The processor's idempotency
-- key is refund:<charge idempotency key>, so a compensation that runs twice refunds once.
CREATE TABLE refund (
    tenant_id       text        NOT NULL,
    order_id        text        NOT NULL,
    cycle           integer     NOT NULL CHECK (cycle >= 1),
    charge_id       text        NOT NULL UNIQUE,
    idempotency_key text        NOT NULL UNIQUE,
    refund_id       text        NOT NULL,
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    refunded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, cycle)
);
