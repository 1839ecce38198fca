-- What the journey list (GET /v1/journeys) shows and filters on, projected from order.created: the therapy, the
-- state, the time the order was created (the event's time) and the latest cycle any event named. Rows projected
-- before this migration have them null until the read model is rebuilt by replay (POST /v1/admin/read-models/rebuild);
-- the list shows only journeys whose order.created has been projected.
ALTER TABLE journey
    ADD COLUMN therapy     text,
    ADD COLUMN state_code  text,
    ADD COLUMN cycle       int,
    ADD COLUMN created_at  timestamptz;

-- Newest first per tenant, with the journey id as tie-breaker: the keyset the list pages by.
CREATE INDEX journey_listing ON journey (tenant_id, created_at DESC, journey_id DESC) WHERE created_at IS NOT NULL;
