-- Issue 16: delegation (ủy quyền, Nghị định 30/2020, Điều 13). A user records an absence: from starts_on to ends_on
-- (Vietnam dates, inclusive) the tasks that arrive for them go to their delegate, for every definition (definitions NULL)
-- or only those listed. A delegation ends by itself after ends_on; cancelling one ends it at once (cancelled_at).
-- ended_recorded_at: when the morning job wrote its "ended" audit record. Owner: src/Workflows/Delegation.
CREATE TABLE delegations (
    id                 uuid        PRIMARY KEY,
    body_code          text        NOT NULL,
    user_name          text        NOT NULL,
    delegate           text        NOT NULL,
    starts_on          date        NOT NULL,
    ends_on            date        NOT NULL,
    definitions        text[]      NULL,
    reference          text        NULL,
    created_at         timestamptz NOT NULL,
    cancelled_at       timestamptz NULL,
    cancelled_by       text        NULL,
    ended_recorded_at  timestamptz NULL,
    CHECK (ends_on >= starts_on),
    CHECK (user_name <> delegate)
);
CREATE INDEX delegations_user ON delegations (user_name, ends_on) WHERE cancelled_at IS NULL;
CREATE INDEX delegations_delegate ON delegations (delegate, ends_on) WHERE cancelled_at IS NULL;
