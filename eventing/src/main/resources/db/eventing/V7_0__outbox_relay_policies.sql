-- Row-level security on the outbox and processed_event (tenant_id) comes from the standard tenant
-- policy that every migration run applies (RowLevelSecurity). The relay publishes every tenant's
-- events, so the outbox also admits the relay's declared purpose, to read rows and to mark them
-- published; never to insert or delete (docs/adr/0006-tenancy-and-row-level-security.md).
CREATE POLICY outbox_relay_read ON outbox FOR SELECT
    USING (current_setting('app.purpose', true) = 'outbox-relay');
CREATE POLICY outbox_relay_mark ON outbox FOR UPDATE
    USING (current_setting('app.purpose', true) = 'outbox-relay')
    WITH CHECK (current_setting('app.purpose', true) = 'outbox-relay');
