-- How many refill cycles the order bought, when the agent said so at the start (POST /v1/journeys "cycles",
-- 1-24); null: not said. Passed through to order.created as cyclesBought.
ALTER TABLE journey_order ADD COLUMN cycles_bought int CHECK (cycles_bought BETWEEN 1 AND 24);

-- The journey list's patientReference filter resolves a tenant's patient reference to its orders.
CREATE INDEX journey_order_patient ON journey_order (tenant_id, patient_reference);
