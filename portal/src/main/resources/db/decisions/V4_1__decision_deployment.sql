-- One row per decision table version the portal deployed to the engine after its golden cases passed; written
-- in the same transaction as the version's decision.deployed event. Decisions are shared by every tenant.
CREATE TABLE decision_deployment (
    decision_definition_id  text        PRIMARY KEY,
    decision_key            text        NOT NULL,
    version                 int         NOT NULL,
    -- SHA-256 (hex) of the deployed DMN file
    checksum                char(64)    NOT NULL,
    -- the authenticated staff principal, or "unauthenticated" while staff authentication is not in place
    deployed_by             text        NOT NULL,
    engine_deployment_id    text        NOT NULL,
    golden_cases_passed     int         NOT NULL,
    deployed_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT decision_deployment_version UNIQUE (decision_key, version)
);
