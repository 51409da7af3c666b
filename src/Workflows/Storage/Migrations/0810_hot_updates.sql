-- Every task completion updates its plan (status, current step, updated_at, row_version) and its workflow instance
-- (current step), and every claim, release or delegation updates a task's holder. PostgreSQL can write such an update
-- as a heap-only tuple (HOT: no new entry in any index, and the WAL record carries only the changed middle of the row)
-- when no indexed column changes and the new version fits on the row's page.
--
-- plans: its index on (body_code, status) made every status change a full update: a new entry in each of its four
-- indexes and the whole row (fields included, about 0.8 kB) in the WAL, at every step of every plan. Lists of a body's
-- plans read them through plans_body_created (body_code, created_at) and count them by status from the rows, the same
-- rows the page reads anyway.
DROP INDEX plans_body_status;

-- Room on each page for the next version of its rows (new rows are written to this fill; existing pages keep theirs
-- until they are rewritten, and fill up with new versions as before).
ALTER TABLE plans SET (fillfactor = 75);
ALTER TABLE workflow_instances SET (fillfactor = 90);
ALTER TABLE human_tasks SET (fillfactor = 90);
