-- The orchestrator's own schema, apart from Operaton's tables (schema `engine`): its outbox carries the
-- journey.* events and processed_event makes the event consumer idempotent (both from db/eventing).
COMMENT ON TABLE outbox IS 'journey.* events written by the patient-journey execution listeners';
COMMENT ON TABLE processed_event IS 'events already applied to the engine by the orchestrator';
