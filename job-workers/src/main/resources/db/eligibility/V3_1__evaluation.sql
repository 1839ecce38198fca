-- Eligibility service: the outcome of the eligibility table per order, with the decision version that
-- gave it. Outcome and reason code only: the inputs derived from the intake (age, BMI) are PHI and are
-- not kept here.
CREATE TABLE evaluation (
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('eligible', 'ineligible', 'not-offered-in-state', 'refer')),
    reason_code      text        NOT NULL,
    decision_key     text        NOT NULL,
    evaluated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id)
);
