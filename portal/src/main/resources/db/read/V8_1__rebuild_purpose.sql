-- A rebuild empties every tenant's read model before it replays the audit store (ReadModelRebuild).
-- Row-level security holds every other transaction to one tenant; the rebuild's declared purpose is
-- admitted to read and delete the rows it empties (PostgreSQL applies the SELECT policies too when a
-- DELETE reads columns), and to nothing else (docs/adr/0006-tenancy-and-row-level-security.md).
CREATE POLICY rebuild_reads_journeys ON journey FOR SELECT
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
CREATE POLICY rebuild_empties_journeys ON journey FOR DELETE
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
CREATE POLICY rebuild_reads_steps ON journey_step FOR SELECT
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
CREATE POLICY rebuild_empties_steps ON journey_step FOR DELETE
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
CREATE POLICY rebuild_reads_processed_events ON processed_event FOR SELECT
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
CREATE POLICY rebuild_empties_processed_events ON processed_event FOR DELETE
    USING (current_setting('app.purpose', true) = 'read-model-rebuild');
