-- PHI field encryption (PhiCipher): per-tenant Tink AEAD keysets, each encrypted by the master key from
-- configuration, and the prescription's clinical details stored sealed instead of in plain columns.

-- One keyset per tenant: a Tink JSON keyset encrypted with the master AEAD (associated data: the tenant),
-- so the database alone never holds a usable key. Rotation adds a key and makes it primary.
CREATE TABLE tenant_data_key (
    tenant_id   text        PRIMARY KEY,
    keyset      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    rotated_at  timestamptz
);

-- Prescriptions recorded before this migration hold plain PHI; they cannot be sealed in SQL. Refuse to
-- migrate rather than drop them. (The owner is held to row-level security too, so it is lifted for this
-- check; RowLevelSecurity forces it again at the end of the run.)
ALTER TABLE prescription NO FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM prescription) THEN
        RAISE EXCEPTION 'clinical.prescription has rows with plain PHI: seal them (PhiCipher) before this migration';
    END IF;
END $$;

-- details: Tink ciphertext (key id in its 5-byte prefix) of the JSON {medication, doseMg, directions},
-- associated data 'clinical.prescription/<rx_id>'.
ALTER TABLE prescription
    DROP COLUMN medication,
    DROP COLUMN dose_mg,
    DROP COLUMN directions,
    ADD COLUMN details bytea NOT NULL;
