-- Distribution: the recipient directory, the clerk's choices for Nơi nhận lines, and the transactional outbox.

CREATE TABLE directory_entries (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('body', 'school', 'person', 'unit', 'group')),
    email       text        NULL,
    body_code   text        NULL,
    aliases     text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX directory_entries_name ON directory_entries (lower(name));

CREATE TABLE directory_members (
    group_id   uuid NOT NULL REFERENCES directory_entries (id) ON DELETE CASCADE,
    member_id  uuid NOT NULL REFERENCES directory_entries (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);

-- The clerk's pick for one Nơi nhận line of one plan (the line text also becomes an alias of the entry).
CREATE TABLE plan_recipient_choices (
    plan_id     uuid        NOT NULL REFERENCES plans (id),
    line_index  int         NOT NULL,
    line_text   text        NOT NULL,
    entry_id    uuid        NOT NULL REFERENCES directory_entries (id) ON DELETE CASCADE,
    chosen_by   text        NOT NULL,
    chosen_at   timestamptz NOT NULL,
    PRIMARY KEY (plan_id, line_index)
);

-- Transactional outbox: one row per plan and address, written in the release transaction.
CREATE TABLE outgoing_messages (
    id               uuid        PRIMARY KEY,
    plan_id          uuid        NOT NULL REFERENCES plans (id),
    message_id       text        NOT NULL UNIQUE,
    address          text        NOT NULL,
    recipient_name   text        NOT NULL,
    entry_id         uuid        NULL,
    lines            text        NOT NULL,
    purpose          text        NOT NULL,
    subject          text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed')),
    attempts         int         NOT NULL DEFAULT 0,
    last_error       text        NULL,
    next_attempt_at  timestamptz NOT NULL,
    claimed_by       text        NULL,
    claimed_until    timestamptz NULL,
    sent_at          timestamptz NULL,
    sent_by          text        NULL,
    created_at       timestamptz NOT NULL,
    CONSTRAINT outgoing_messages_one_per_address UNIQUE (plan_id, address)
);
CREATE INDEX outgoing_messages_due ON outgoing_messages (next_attempt_at) WHERE status IN ('queued', 'retrying');
CREATE INDEX outgoing_messages_claimed ON outgoing_messages (claimed_until) WHERE status = 'sending';
