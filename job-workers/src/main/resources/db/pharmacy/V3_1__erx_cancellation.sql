-- Order cancellations as the pharmacy sees them: the CancelRx sent for a submitted eRx and the
-- pharmacy's answer (cancelled, or denied because it was already dispensed).
CREATE TABLE erx_cancellation (
    rx_id        uuid        PRIMARY KEY REFERENCES erx_submission (rx_id),
    tenant_id    text        NOT NULL,
    order_id     text        NOT NULL,
    cycle        integer     NOT NULL CHECK (cycle >= 1),
    status       text        NOT NULL,
    cancelled_at timestamptz NOT NULL DEFAULT now()
);
