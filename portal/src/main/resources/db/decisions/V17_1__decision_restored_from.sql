-- A roll back from the staff console deploys an earlier version's XML again as a new version: the row of that new
-- version names the version it restored (null for an ordinary deployment of an edited table).
ALTER TABLE decision_deployment ADD COLUMN restored_from_version int;
