-- Audit store: every domain event on the backbone, once, in a hash chain per tenant.
-- Append-only: UPDATE, DELETE and TRUNCATE are refused by triggers, which hold for every role,
-- the table's owner included (only a superuser who disables the triggers can alter a row, and
-- verification then finds the broken link). The grants are revoked as well, for roles that are
-- not the owner (docs/adr/0005-event-backbone-contracts-audit-and-replay.md).
CREATE TABLE audit_event (
    id          bigserial   PRIMARY KEY,
    tenant_id   text        NOT NULL,
    chain_seq   bigint      NOT NULL,
    event_id    uuid        NOT NULL UNIQUE,
    event_type  text        NOT NULL,
    envelope    text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL,
    UNIQUE (tenant_id, chain_seq)
);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
