-- Journey read model, rebuilt by replaying events. One row per journey (= order id).
-- status only moves to a higher status_rank; equal ranks are decided by the later event time
-- (status_at), so the result does not depend on the order events arrive in.
CREATE TABLE journey (
    journey_id        uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    status            text        NOT NULL,
    status_rank       int         NOT NULL,
    status_at         timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    processor         text,
    charge_id         text,
    provider_network  text,
    visit_id          text,
    rx_id             text,
    pharmacy          text,
    tracking_number   text
);

-- Every event seen for a journey, once (event_id), for the timeline.
CREATE TABLE journey_step (
    id           bigserial   PRIMARY KEY,
    journey_id   uuid        NOT NULL,
    event_id     uuid        NOT NULL UNIQUE,
    tenant_id    text        NOT NULL,
    event_type   text        NOT NULL,
    occurred_at  timestamptz NOT NULL
);
CREATE INDEX journey_step_timeline ON journey_step (journey_id, occurred_at, id);
