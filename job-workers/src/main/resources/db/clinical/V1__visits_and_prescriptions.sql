-- Clinical service: visits and prescriptions. Prescription details are PHI: they live only in this
-- schema (field encryption follows with the tenancy and PHI work) and never enter events or the engine.
CREATE TABLE visit (
    tenant_id         text        NOT NULL,
    order_id          text        NOT NULL,
    cycle             integer     NOT NULL CHECK (cycle >= 1),
    visit_id          text        NOT NULL,
    provider_network  text        NOT NULL,
    state_code        char(2)     NOT NULL,  -- the patient's state at the time of the visit (licensure)
    scheduled_for     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, cycle),
    UNIQUE (provider_network, visit_id)
);

CREATE TABLE prescription (
    rx_id            uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    cycle            integer     NOT NULL CHECK (cycle >= 1),
    provider_network text        NOT NULL,
    visit_id         text        NOT NULL,
    medication       text        NOT NULL,
    dose_mg          text        NOT NULL,
    quantity         integer     NOT NULL CHECK (quantity > 0),
    directions       text        NOT NULL,
    prescriber_npi   text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider_network, visit_id)
);
CREATE INDEX prescription_by_order ON prescription (tenant_id, order_id, cycle);
