-- Sealing no longer rewrites audit records. Until now the sealer updated each record in place (position, prev_hash,
-- hash, sealed_at): a second copy of the whole row, new entries in every index of audit_log, a row trigger, and dead
-- rows for vacuum, about 0.05 ms of PostgreSQL's time per record. Each seal is now a small row of its own in
-- audit_seals (its chain position, the record's seq, the hash before it and its hash), audit_log is append-only without
-- exception, and the sealer finds the unsealed records from a horizon (audit_sealing): every record of a transaction
-- whose id is below it is sealed, so only the records of later transactions are looked at.

CREATE TABLE audit_seals (
    position  bigint PRIMARY KEY,
    seq       bigint NOT NULL UNIQUE,
    prev_hash bytea NOT NULL,
    hash      bytea NOT NULL,
    sealed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE audit_sealing (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    horizon  xid8 NOT NULL
);

INSERT INTO audit_seals (position, seq, prev_hash, hash, sealed_at)
SELECT position, seq, prev_hash, hash, coalesce(sealed_at, at) FROM audit_log WHERE hash IS NOT NULL;

-- Records still unsealed now (and those of transactions still open, whose ids are at least this snapshot's xmin) are
-- at or above the horizon.
INSERT INTO audit_sealing (horizon)
SELECT least(pg_snapshot_xmin(pg_current_snapshot()), (SELECT min(xid) FROM audit_log WHERE hash IS NULL));

-- Append-only, no exception: nothing updates or deletes a record or a seal.
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();

ALTER TABLE audit_log DROP CONSTRAINT audit_log_sealed_whole;
DROP INDEX audit_log_unsealed;
DROP INDEX audit_log_position;
ALTER TABLE audit_log DROP COLUMN position, DROP COLUMN prev_hash, DROP COLUMN hash, DROP COLUMN sealed_at;
CREATE INDEX audit_log_xid ON audit_log (xid, seq);

-- Seals up to p_limit records, in the order of their transactions' ids and, within a transaction, of writing; only
-- records of finished transactions (id below the xmin of the current snapshot: every transaction that could still
-- write an earlier record has ended), so no record can later appear before one already sealed. Sealers are serialised
-- by a transaction-level advisory lock (the elected sealer and any on-demand call). When every candidate was sealed,
-- the horizon moves up to that xmin. Returns the number sealed.
CREATE OR REPLACE FUNCTION audit_seal(p_limit int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    v_horizon   xid8;
    v_xmin      xid8;
    v_prev      bytea;
    v_position  bigint;
    v_hash      bytea;
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
        SELECT a.seq, a.at, a.actor, a.action, a.plan_id, a.instance_id, a.task_id, a.data FROM audit_log a
        WHERE a.xid >= v_horizon AND a.xid < v_xmin AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)
        ORDER BY a.xid, a.seq LIMIT p_limit
    LOOP
        v_position := v_position + 1;
        v_hash := audit_hash(v_position, r.at, r.actor, r.action, r.plan_id, r.instance_id, r.task_id, r.data, v_prev);
        v_seqs := v_seqs || r.seq;
        v_positions := v_positions || v_position;
        v_prevs := v_prevs || v_prev;
        v_hashes := v_hashes || v_hash;
        v_prev := v_hash;
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

-- The records not sealed yet: those at or above the horizon without a seal (records of transactions still open are
-- not visible, so not counted).
CREATE FUNCTION audit_unsealed() RETURNS TABLE (seq bigint, written_at timestamptz) LANGUAGE sql STABLE AS $$
    SELECT a.seq, a.written_at FROM audit_log a
    WHERE a.xid >= (SELECT horizon FROM audit_sealing) AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)
$$;
