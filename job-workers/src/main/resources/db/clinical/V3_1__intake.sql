-- Medical intake answers per order (PHI): name, date of birth, address, contact, height, weight,
-- comorbidities, contraindications. One payload column, so field encryption can wrap the whole record;
-- nothing here ever enters events, the engine or logs.
CREATE TABLE intake (
    tenant_id   text        NOT NULL,
    order_id    text        NOT NULL,
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id)
);
