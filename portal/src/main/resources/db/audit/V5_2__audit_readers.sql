-- The application role may read and append, nothing else (the triggers of V5_1 refuse the rest even to
-- the owner). Row-level security (the standard tenant policy, applied after every migration run) holds
-- each transaction to its tenant's chain; verification and replay read every chain under their declared
-- purpose, which this policy admits to SELECT only (docs/adr/0006-tenancy-and-row-level-security.md).
GRANT SELECT, INSERT ON audit_event TO ${application_role};
GRANT USAGE, SELECT ON SEQUENCE audit_event_id_seq TO ${application_role};

CREATE POLICY audit_readers ON audit_event FOR SELECT
    USING (current_setting('app.purpose', true) = 'audit-reader');
