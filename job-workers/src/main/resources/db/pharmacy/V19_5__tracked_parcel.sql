-- Carrier tracking (issue 19): a parcel handed by a pharmacy that does not report delivery itself is followed at its
-- carrier until the carrier says delivered or exception, and shipment.delivered or shipment.exception is announced
-- from here, in the same transaction as the parcel's end. One row per parcel (a reshipped cycle has a second); no PHI,
-- references only.
CREATE TABLE tracked_parcel (
    carrier                  text        NOT NULL, -- as the pharmacy named it, e.g. USPS
    tracking_number          text        NOT NULL,
    tenant_id                text        NOT NULL,
    order_id                 text        NOT NULL,
    rx_id                    text        NOT NULL,
    pharmacy                 text        NOT NULL,
    pharmacy_prescription_id text,
    shipped_event_id         uuid        NOT NULL,
    status                   text        NOT NULL DEFAULT 'in_transit'
                                         CHECK (status IN ('in_transit', 'delivered', 'exception', 'abandoned')),
    exception_reason         text        CHECK (exception_reason IN ('lost', 'damaged', 'returned')),
    looked_up                integer     NOT NULL DEFAULT 0, -- look-ups the carrier answered
    unanswered               integer     NOT NULL DEFAULT 0, -- look-ups in a row the carrier could not answer
    next_look_at             timestamptz NOT NULL,
    shipped_at               timestamptz NOT NULL DEFAULT now(),
    ended_at                 timestamptz,
    PRIMARY KEY (carrier, tracking_number)
);
CREATE INDEX tracked_parcel_due ON tracked_parcel (next_look_at) WHERE status = 'in_transit';

-- The tracker finds every tenant's parcels due for a look-up (the keys only) under its declared purpose (ADR 6), then
-- looks each up and records the answer in the parcel's tenant's own transaction, under the standard tenant policy.
CREATE POLICY tracked_parcels_due ON tracked_parcel FOR SELECT
    USING (current_setting('app.purpose', true) = 'carrier-tracking');
