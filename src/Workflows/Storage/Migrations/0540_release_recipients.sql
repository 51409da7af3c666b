-- What a release sent, frozen at release: one row per Nơi nhận line and addressed recipient as the directory resolved
-- them then (name, address, entry), plus the clerk's later "gửi bổ sung" sends. The plan page shows these rows, never
-- a resolution recomputed from today's directory. entry_id has no foreign key: the row keeps the entry as it was even
-- after the entry is changed or deleted.
CREATE TABLE plan_release_recipients (
    id             uuid        PRIMARY KEY,
    plan_id        uuid        NOT NULL REFERENCES plans (id),
    line_index     int         NULL,
    line_text      text        NOT NULL,
    line_state     text        NOT NULL CHECK (line_state IN ('resolved', 'archive', 'supplementary')),
    entry_id       uuid        NULL,
    name           text        NULL,
    address        text        NULL,
    purpose        text        NOT NULL,
    supplementary  boolean     NOT NULL DEFAULT false,
    added_by       text        NOT NULL,
    added_at       timestamptz NOT NULL
);
CREATE INDEX plan_release_recipients_plan ON plan_release_recipients (plan_id, line_index);

-- Plans released before this table existed: their release messages are what they sent.
INSERT INTO plan_release_recipients (id, plan_id, line_index, line_text, line_state, entry_id, name, address, purpose, supplementary, added_by, added_at)
SELECT m.id, m.plan_id, NULL, m.lines, 'resolved', m.entry_id, m.recipient_name, m.address, m.purpose, false, '', m.created_at
FROM outgoing_messages m
WHERE m.category = 'release';
