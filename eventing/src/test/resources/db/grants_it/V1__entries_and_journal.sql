-- ServiceSchemaGrantsIT: a tenant table the application role gets the four row privileges on by the policy, and an
-- append-only one whose migration grants it less.
CREATE TABLE entry (
    id        bigserial PRIMARY KEY,
    tenant_id text    NOT NULL,
    amount    integer NOT NULL
);

CREATE TABLE journal (
    id        bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    line      text NOT NULL
);

GRANT SELECT, INSERT ON journal TO ${application_role};
