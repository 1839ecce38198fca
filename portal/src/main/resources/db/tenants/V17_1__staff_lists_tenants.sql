-- The staff console lists every tenant (dev.carepath.portal.console, platform-admin): its transaction declares the
-- purpose 'tenant-admin', which may read the tenants' rows and their clients' (never a secret hash: the console's
-- query names the columns it shows), and nothing else (docs/adr/0006-tenancy-and-row-level-security.md).
CREATE POLICY staff_lists_tenants ON tenant FOR SELECT
    USING (current_setting('app.purpose', true) = 'tenant-admin');
