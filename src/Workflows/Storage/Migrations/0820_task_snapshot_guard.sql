-- A task completion the engine decides from the task and plan rows as it last wrote them (it opened the task) sends its
-- first statement, the lock, together with its writes and COMMIT: one round trip instead of two. That statement locks
-- the task and its plan as the two-round-trip read does and compares them with the engine's copy; when they differ
-- (another node claimed the task, a concurrent completion won, a supervisor moved it…) this raises SQLSTATE WF409, the
-- batch stops before any write, the transaction is rolled back, and the engine decides again from a fresh read.
CREATE OR REPLACE FUNCTION task_snapshot_holds(holds boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF holds IS NOT TRUE THEN
        RAISE EXCEPTION 'the task or its plan is no longer as the engine last saw it' USING ERRCODE = 'WF409';
    END IF;
END
$$;
