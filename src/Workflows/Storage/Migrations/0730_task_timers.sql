-- Issue 11: the timers of human tasks (reminders, escalation) are rows written in the transaction that opens the task,
-- rather than Hangfire jobs created after its commit (seven round trips each, and lost when the process died between the
-- commit and their creation). A recurring job fires those due. Owner: src/Workflows/TaskTimers.
CREATE TABLE task_timers (
    kind        text        NOT NULL,   -- the handler (ITaskTimerHandler.Kind), e.g. approval-task
    subject_id  uuid        NOT NULL,   -- the task
    name        text        NOT NULL,   -- remind-1, remind-2…, escalate
    due_at      timestamptz NOT NULL,
    PRIMARY KEY (kind, subject_id, name)
);
CREATE INDEX task_timers_due ON task_timers (due_at);
