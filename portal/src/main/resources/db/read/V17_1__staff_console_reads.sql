-- The staff console searches journeys across tenants and opens any tenant's journey (dev.carepath.portal.console).
-- Its transactions declare the purpose 'staff-console', which these policies admit to read the journeys and their
-- timelines, and nothing else: no write, no other table (docs/adr/0006-tenancy-and-row-level-security.md,
-- docs/adr/0014-staff-console.md).
CREATE POLICY staff_console_reads_journeys ON journey FOR SELECT
    USING (current_setting('app.purpose', true) = 'staff-console');
CREATE POLICY staff_console_reads_steps ON journey_step FOR SELECT
    USING (current_setting('app.purpose', true) = 'staff-console');

-- Staff look a journey up by a partner's id (a charge, visit, Rx or shipment): one index each.
CREATE INDEX journey_by_charge ON journey (charge_id) WHERE charge_id IS NOT NULL;
CREATE INDEX journey_by_visit ON journey (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX journey_by_rx ON journey (rx_id) WHERE rx_id IS NOT NULL;
CREATE INDEX journey_by_tracking ON journey (tracking_number) WHERE tracking_number IS NOT NULL;
-- Across tenants, newest first.
CREATE INDEX journey_staff_listing ON journey (created_at DESC, journey_id DESC) WHERE created_at IS NOT NULL;
