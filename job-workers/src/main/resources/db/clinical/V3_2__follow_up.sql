-- Follow-up visits of later cycles (one per order cycle) and the prescriber's finding on the dose.
CREATE TABLE follow_up (
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    cycle            integer     NOT NULL CHECK (cycle >= 2),
    provider_network text        NOT NULL,
    follow_up_id     text        NOT NULL,
    dose_step        integer     NOT NULL CHECK (dose_step >= 1),
    tolerated        boolean     NOT NULL,
    held_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, cycle)
);
