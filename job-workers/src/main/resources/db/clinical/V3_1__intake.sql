-- Medical intake answers per order (PHI): name, date of birth, address, contact, height, weight,
-- comorbidities, contraindications. One payload column, sealed whole with the tenant's data key;
-- nothing here ever enters events, the engine or logs.
CREATE TABLE intake (
    tenant_id   text        NOT NULL,
    order_id    text        NOT NULL,
    payload     bytea       NOT NULL, -- sealed by PhiCipher (Tink AEAD, key id in its prefix)
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id)
);
