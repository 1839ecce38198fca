-- The staff console (dev.carepath.portal.console): the people who may log in with a password (local stack and any
-- installation without single sign-on) and the console's HTTP sessions, shared by every portal node.

-- password_hash: PasswordEncoder id prefix and hash (e.g. {bcrypt}...); never the password. roles: console roles
-- (care-ops, clinicians, pharmacists, clinical-ops, platform-admin). Users listed in configuration
-- (carepath.console.users) are written here at start; a disabled user keeps its row.
CREATE TABLE staff_user (
    username       text        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    password_hash  text        NOT NULL,
    roles          text[]      NOT NULL,
    enabled        boolean     NOT NULL DEFAULT true,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Spring Session JDBC's tables (its schema-postgresql.sql), so a console session survives a portal node and any
-- node serves it. They hold the security context (username, roles) and the CSRF token, never PHI.
CREATE TABLE spring_session (
    primary_id             char(36)     NOT NULL,
    session_id             char(36)     NOT NULL,
    creation_time          bigint       NOT NULL,
    last_access_time       bigint       NOT NULL,
    max_inactive_interval  int          NOT NULL,
    expiry_time            bigint       NOT NULL,
    principal_name         varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id  char(36)     NOT NULL,
    attribute_name      varchar(200) NOT NULL,
    attribute_bytes     bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
