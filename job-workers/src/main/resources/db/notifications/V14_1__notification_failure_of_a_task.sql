-- A journey's notify-patient task that cannot send (no intake, so no address: a journey cancelled before its
-- intake arrived) records its failure here too (issue 14). Its trigger is the task's topic, not an event: no
-- trigger event id.
ALTER TABLE notification_failure ALTER COLUMN trigger_event_id DROP NOT NULL;
COMMENT ON COLUMN notification_failure.trigger_type IS 'the event type, or the task topic notify-patient, that asked for the notification';
