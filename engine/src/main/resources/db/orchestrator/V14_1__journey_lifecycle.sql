-- Events the orchestrator could not apply at once, kept in its own schema (issue 14).

-- A partner event that arrived before its cycle waits for it (the partner answered before the worker reported
-- the task that asked it). The consumer stores it here and is free at once; EarlyEvents correlates it as soon
-- as the cycle reaches its wait, or moves it to ignored_event when the cycle ends without waiting for it.
CREATE TABLE early_event (
    event_id     uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    order_id     text        NOT NULL,
    event_type   text        NOT NULL,
    envelope     jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX early_event_by_order ON early_event (tenant_id, order_id, received_at);

-- The drain finds the orders with buffered events across tenants, then works each in its tenant's transaction.
CREATE POLICY early_event_drain ON early_event FOR SELECT
    USING (current_setting('app.purpose', true) = 'early-event-drain');

-- An event that belongs to a journey whose cycle has ended (cancelled, failed, completed) or to an earlier
-- cycle than the running one: recognised and recorded here, never applied, never dead-lettered.
CREATE TABLE ignored_event (
    event_id     uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    order_id     text        NOT NULL,
    event_type   text        NOT NULL,
    reason       text        NOT NULL,
    received_at  timestamptz NOT NULL,
    ignored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ignored_event_by_order ON ignored_event (tenant_id, order_id);

-- A cancel request that found no running cycle: before the first cycle started (order.created not applied yet)
-- or between two cycles. The orchestrator ends the journey at once and starts no cycle of the order after it.
CREATE TABLE order_cancellation (
    tenant_id     text        NOT NULL,
    order_id      text        NOT NULL,
    event_id      uuid        NOT NULL,
    outcome       text        NOT NULL,
    cancelled_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id)
);

COMMENT ON TABLE early_event IS 'partner events waiting for their cycle to reach its wait';
COMMENT ON TABLE ignored_event IS 'events of ended journeys or earlier cycles: recorded, not applied';
COMMENT ON TABLE order_cancellation IS 'orders cancelled while no cycle ran: no cycle starts after this';
