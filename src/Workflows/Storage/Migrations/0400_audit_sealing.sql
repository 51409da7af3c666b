-- The audit chain stops serialising every transaction. Records are written without any lock, unsealed (hash NULL),
-- with the id of the transaction that wrote them; one sealer per database (Audit/AuditSealer) later gives each record
-- of a finished transaction its chain position, prev_hash and hash (audit_seal below). Records written before this
-- migration are already sealed: their position is their seq, and their hashes stay valid.

ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN xid xid8 NULL, ADD COLUMN written_at timestamptz NULL, ADD COLUMN position bigint NULL,
                      ADD COLUMN sealed_at timestamptz NULL;

ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET position = seq;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

-- Defaults set after the backfill, so existing rows keep NULL (sealed before the transaction id was kept).
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq'),
                      ALTER COLUMN xid SET DEFAULT pg_current_xact_id(),
                      ALTER COLUMN written_at SET DEFAULT now();
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole
    CHECK ((hash IS NULL AND prev_hash IS NULL AND position IS NULL) OR (hash IS NOT NULL AND prev_hash IS NOT NULL AND position IS NOT NULL));
CREATE UNIQUE INDEX audit_log_position ON audit_log (position);
CREATE INDEX audit_log_unsealed ON audit_log (xid, seq) WHERE hash IS NULL;

-- Nothing writes through the chain lock any more.
DROP FUNCTION audit_append(timestamptz, text, text, uuid, uuid, uuid, jsonb);

-- Append-only, except the sealing of an unsealed record: its position, prev_hash, hash and sealed_at are set once,
-- its content never changes. A sealed record can no longer be updated; no record can be deleted.
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
       AND NEW.plan_id IS NOT DISTINCT FROM OLD.plan_id AND NEW.instance_id IS NOT DISTINCT FROM OLD.instance_id
       AND NEW.task_id IS NOT DISTINCT FROM OLD.task_id AND NEW.data = OLD.data
       AND NEW.xid IS NOT DISTINCT FROM OLD.xid AND NEW.written_at IS NOT DISTINCT FROM OLD.written_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END $$;

-- Seals up to p_limit records, in the order of their transactions' ids and, within a transaction, of writing; only
-- records of finished transactions (xid below the xmin of the current snapshot: every transaction that could still
-- write an earlier record has ended), so no record can later appear before one already sealed. Sealers are serialised
-- by a transaction-level advisory lock (the elected sealer and any on-demand call). Returns the number sealed.
CREATE FUNCTION audit_seal(p_limit int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
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
    SELECT position, hash INTO v_position, v_prev FROM audit_log WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1;
    v_position := coalesce(v_position, 0);
    v_prev := coalesce(v_prev, '\x'::bytea);
    FOR r IN
        SELECT seq, at, actor, action, plan_id, instance_id, task_id, data FROM audit_log
        WHERE hash IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY xid, seq LIMIT p_limit
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
        UPDATE audit_log a SET position = u.position, prev_hash = u.prev, hash = u.hash, sealed_at = clock_timestamp()
        FROM unnest(v_seqs, v_positions, v_prevs, v_hashes) AS u(seq, position, prev, hash)
        WHERE a.seq = u.seq;
    END IF;
    RETURN cardinality(v_seqs);
END $$;
