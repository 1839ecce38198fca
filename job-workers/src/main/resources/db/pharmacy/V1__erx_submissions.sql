-- Pharmacy service: one e-prescription submission per Rx. The Rx id is the NewRx message id, so a
-- resubmission can never create a second prescription at the pharmacy.
CREATE TABLE erx_submission (
    rx_id                    uuid        PRIMARY KEY,
    tenant_id                text        NOT NULL,
    order_id                 text        NOT NULL,
    cycle                    integer     NOT NULL CHECK (cycle >= 1),
    pharmacy                 text        NOT NULL,
    pharmacy_prescription_id text        NOT NULL,
    submitted_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erx_submission_by_order ON erx_submission (tenant_id, order_id, cycle);
