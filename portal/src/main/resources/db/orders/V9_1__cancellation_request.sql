-- An agent's request to cancel an order (= journey), at most one per order: a repeated request finds
-- this row and publishes nothing new. Stored in the same transaction as its order.cancel-requested event.
-- client_id is the machine client that asked (an id, never a person); reason is a code, never free text.
-- order_id names a journey_order row (Journeys.cancel finds the order, under the tenant's row-level
-- security, before it inserts); no foreign key, so the catalog-driven RowLevelSecurityIT can make rows.
CREATE TABLE cancellation_request (
    order_id      uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    client_id     text        NOT NULL,
    reason        text        NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now()
);
