-- Workflow engine: definitions, plans, instances, human tasks, issuance counters, hash-chained audit trail.

CREATE TABLE workflow_definitions (
    id            text        NOT NULL,
    version       int         NOT NULL,
    content       jsonb       NOT NULL,
    content_hash  text        NOT NULL,
    source_file   text        NOT NULL,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);

CREATE TABLE plans (
    id                   uuid        PRIMARY KEY,
    body_code            text        NOT NULL,
    document_type        text        NOT NULL DEFAULT 'KH',
    subject              text        NOT NULL,
    status               text        NOT NULL,
    current_step         text        NULL,
    revision             int         NOT NULL DEFAULT 0,
    number               int         NULL,
    issue_year           int         NULL,
    symbol               text        NULL,
    issued_on            date        NULL,
    released_at          timestamptz NULL,
    signing              jsonb       NULL,
    fields               jsonb       NOT NULL DEFAULT '{}',
    document_name        text        NULL,
    document_media_type  text        NULL,
    document_content     bytea       NULL,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    row_version          int         NOT NULL DEFAULT 0,
    CONSTRAINT plans_number_unique UNIQUE (body_code, issue_year, number)
);
CREATE INDEX plans_body_status ON plans (body_code, status);

CREATE TABLE issuance_counters (
    body_code    text NOT NULL,
    year         int  NOT NULL,
    last_number  int  NOT NULL,
    PRIMARY KEY (body_code, year)
);

CREATE TABLE workflow_instances (
    id                  uuid        PRIMARY KEY,
    definition_id       text        NOT NULL,
    definition_version  int         NOT NULL,
    plan_id             uuid        NOT NULL REFERENCES plans (id),
    status              text        NOT NULL,
    current_step        text        NOT NULL,
    started_by          text        NOT NULL,
    started_at          timestamptz NOT NULL,
    completed_at        timestamptz NULL,
    FOREIGN KEY (definition_id, definition_version) REFERENCES workflow_definitions (id, version)
);
CREATE UNIQUE INDEX workflow_instances_one_running_per_plan ON workflow_instances (plan_id) WHERE status = 'running';

CREATE TABLE human_tasks (
    id            uuid        PRIMARY KEY,
    instance_id   uuid        NOT NULL REFERENCES workflow_instances (id),
    plan_id       uuid        NOT NULL REFERENCES plans (id),
    body_code     text        NOT NULL,
    step          text        NOT NULL,
    role          text        NOT NULL,
    revision      int         NOT NULL,
    status        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    completed_at  timestamptz NULL,
    completed_by  text        NULL,
    outcome       text        NULL,
    comment       text        NULL
);
CREATE INDEX human_tasks_open ON human_tasks (body_code, role, due_at) WHERE status = 'open';
CREATE INDEX human_tasks_plan ON human_tasks (plan_id);

CREATE TABLE audit_log (
    seq          bigint      PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    plan_id      uuid        NULL,
    instance_id  uuid        NULL,
    task_id      uuid        NULL,
    data         jsonb       NOT NULL,
    prev_hash    bytea       NOT NULL,
    hash         bytea       NOT NULL
);
CREATE SEQUENCE audit_log_seq AS bigint;
CREATE INDEX audit_log_plan ON audit_log (plan_id, seq);

-- The hash of one audit record: SHA-256 over its fields and the hash of the record before it.
CREATE FUNCTION audit_hash(p_seq bigint, p_at timestamptz, p_actor text, p_action text, p_plan uuid,
                           p_instance uuid, p_task uuid, p_data jsonb, p_prev bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(convert_to(concat_ws('|', p_seq::text, extract(epoch FROM p_at)::text, p_actor, p_action,
        coalesce(p_plan::text, '-'), coalesce(p_instance::text, '-'), coalesce(p_task::text, '-'),
        p_data::text, encode(p_prev, 'hex')), 'UTF8'))
$$;

-- Appends one record at the end of the chain. The advisory lock, held to the end of the transaction,
-- makes the order of the chain the order of the commits.
CREATE FUNCTION audit_append(p_at timestamptz, p_actor text, p_action text, p_plan uuid, p_instance uuid,
                             p_task uuid, p_data jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_prev bytea;
    v_seq  bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(87001);
    SELECT hash INTO v_prev FROM audit_log ORDER BY seq DESC LIMIT 1;
    v_prev := coalesce(v_prev, '\x'::bytea);
    v_seq := nextval('audit_log_seq');
    INSERT INTO audit_log (seq, at, actor, action, plan_id, instance_id, task_id, data, prev_hash, hash)
    VALUES (v_seq, p_at, p_actor, p_action, p_plan, p_instance, p_task, p_data, v_prev,
            audit_hash(v_seq, p_at, p_actor, p_action, p_plan, p_instance, p_task, p_data, v_prev));
    RETURN v_seq;
END $$;

-- The audit trail is append-only.
CREATE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();

ALTER TABLE human_tasks ADD COLUMN assignee text NULL;
