-- The sealer hashed each record by calling audit_hash() from its PL/pgSQL loop: an SQL function called per row through
-- the function manager, about half of the loop's time. The text each hash covers (everything audit_hash concatenates
-- but the previous hash) is now built for the whole batch by the query that finds the records, and the loop only adds
-- the previous hash and takes the SHA-256: the same bytes as audit_hash (concat_ws skips no argument: none is null),
-- so every existing seal and the verifier, which still recomputes with audit_hash, agree. The SET clauses are 0811's
-- and 0812's (a CREATE OR REPLACE replaces them).
CREATE OR REPLACE FUNCTION audit_seal(p_limit int) RETURNS int LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET max_parallel_workers_per_gather = 0
SET jit = off
AS $$
DECLARE
    v_horizon   xid8;
    v_xmin      xid8;
    v_prev      bytea;
    v_position  bigint;
    v_seqs      bigint[] := '{}';
    v_positions bigint[] := '{}';
    v_prevs     bytea[]  := '{}';
    v_hashes    bytea[]  := '{}';
    r           record;
BEGIN
    PERFORM pg_advisory_xact_lock(87003);
    v_xmin := pg_snapshot_xmin(pg_current_snapshot());
    SELECT horizon INTO v_horizon FROM audit_sealing;
    SELECT position, hash INTO v_position, v_prev FROM audit_seals ORDER BY position DESC LIMIT 1;
    v_position := coalesce(v_position, 0);
    v_prev := coalesce(v_prev, '\x'::bytea);
    FOR r IN
        SELECT c.seq, c.position,
               concat_ws('|', c.position::text, extract(epoch FROM c.at)::text, c.actor, c.action, coalesce(c.plan_id::text, '-'),
                         coalesce(c.instance_id::text, '-'), coalesce(c.task_id::text, '-'), c.data::text) || '|' AS payload
        FROM (SELECT a.*, v_position + row_number() OVER (ORDER BY a.xid, a.seq) AS position
              FROM (SELECT * FROM audit_log a
                    WHERE a.xid >= v_horizon AND a.xid < v_xmin AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)
                    ORDER BY a.xid, a.seq LIMIT p_limit) a) c
        ORDER BY c.position
    LOOP
        v_seqs := v_seqs || r.seq;
        v_positions := v_positions || r.position;
        v_prevs := v_prevs || v_prev;
        v_prev := sha256(convert_to(r.payload || encode(v_prev, 'hex'), 'UTF8'));
        v_hashes := v_hashes || v_prev;
    END LOOP;
    IF cardinality(v_seqs) > 0 THEN
        INSERT INTO audit_seals (position, seq, prev_hash, hash)
        SELECT * FROM unnest(v_positions, v_seqs, v_prevs, v_hashes);
    END IF;
    IF cardinality(v_seqs) < p_limit AND v_xmin > v_horizon THEN
        UPDATE audit_sealing SET horizon = v_xmin;
    END IF;
    RETURN cardinality(v_seqs);
END $$;
