-- A declined refill is charged once more after the dunning wait (issue 14): the cycle's row keeps its latest
-- attempt. Attempt 1 keeps the key tenant:order:cycle; a retry is a new charge at the processor under
-- tenant:order:cycle:attempt-N, so a re-run of either attempt still charges nothing twice.
ALTER TABLE charge ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt >= 1);
