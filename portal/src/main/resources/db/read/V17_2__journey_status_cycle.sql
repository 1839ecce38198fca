-- The cycle whose event set the journey's status: a later cycle's status replaces an earlier one's, whatever their
-- ranks, so that a refill in progress shows where it stands instead of the status of the cycle before it. And the
-- status of a cycle that ran to its end with more to come is CYCLE_COMPLETED; COMPLETED is the programme's end only.
-- Rows projected before this migration take their latest cycle; a rebuild by replay
-- (POST /v1/admin/read-models/rebuild) projects them anew.
ALTER TABLE journey ADD COLUMN status_cycle int;

UPDATE journey SET status_cycle = cycle WHERE status_rank >= 0;
UPDATE journey SET status = 'CYCLE_COMPLETED' WHERE status = 'COMPLETED' AND status_rank < 200;
