-- Issue 16: who holds a task (claimed from the role's queue, picked by the previous actor, reassigned, delegated),
-- branches of parallel steps, and the instance moves between definition versions.
ALTER TABLE human_tasks
    ADD COLUMN on_behalf_of text NULL,          -- the person the task was meant for when a delegate holds it
    ADD COLUMN claimed_at   timestamptz NULL,   -- when the assignee claimed it from the role's queue
    ADD COLUMN branch       text NULL,          -- the branch id of a parallel step's task
    ADD COLUMN activation   uuid NULL;          -- one entry into a parallel step: its branches share it
CREATE INDEX human_tasks_activation ON human_tasks (activation) WHERE activation IS NOT NULL;
