-- An outbox row's created_at is the moment it is written (clock_timestamp()), no longer the start of the transaction
-- that writes it (now()). A long transaction, such as the engine's running a process to its next wait state, made
-- every event look older than it is: the relay's oldest-unpublished age and the bench's outbox lag counted the work
-- done before the event existed. The rest of the transaction, until its commit, still counts, as the event waits
-- for it.
ALTER TABLE outbox ALTER COLUMN created_at SET DEFAULT clock_timestamp();
