-- Finding the unsealed records must cost what there is to seal, not what was ever sealed. audit_unsealed() compared
-- the records at or above the horizon with the seals through a subquery whose value the planner cannot know when it
-- plans (SELECT horizon FROM audit_sealing): it then guessed a third of audit_log, and chose to read every seal into a
-- hash table, on every call. The backlog metric calls it once a second on every node: with 170,000 seals and 200
-- records waiting that took 50–200 ms, growing with the chain. Read the horizon first, and plan with its value
-- (plan_cache_mode): an index probe into audit_seals per waiting record, about 1 ms for the same 200.
CREATE OR REPLACE FUNCTION audit_unsealed() RETURNS TABLE (seq bigint, written_at timestamptz) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    v_horizon xid8;
BEGIN
    SELECT horizon INTO v_horizon FROM audit_sealing;
    RETURN QUERY SELECT a.seq, a.written_at FROM audit_log a
        WHERE a.xid >= v_horizon AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq);
END $$;
ALTER FUNCTION audit_unsealed() SET plan_cache_mode = force_custom_plan;

-- The sealer's own search for the records to seal has the same shape inside audit_seal (the horizon and the snapshot's
-- xmin are variables): a generic plan, which PL/pgSQL switches to after five calls, would guess the same way.
ALTER FUNCTION audit_seal(int) SET plan_cache_mode = force_custom_plan;
