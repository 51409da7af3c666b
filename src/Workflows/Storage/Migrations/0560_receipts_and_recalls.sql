-- Receipts (xác nhận đã nhận) and recall (thu hồi) of a released plan, Nghị định 30/2020, Phụ lục VI.

-- One row per recipient address of a release message: the hash of its personal "Xác nhận đã nhận" link (the raw token
-- is only in the email), when the link expires, when the one reminder is due, when it was sent and when the recipient
-- acknowledged. The reminder carries a second link of its own (reminder_token_hash); either acknowledges.
CREATE TABLE release_receipts (
    id                   uuid        PRIMARY KEY,
    plan_id              uuid        NOT NULL REFERENCES plans (id),
    address              text        NOT NULL,
    recipient_name       text        NOT NULL,
    entry_id             uuid        NULL,
    token_hash           bytea       NOT NULL UNIQUE,
    reminder_token_hash  bytea       NULL UNIQUE,
    created_at           timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    remind_at            timestamptz NOT NULL,
    reminded_at          timestamptz NULL,
    acknowledged_at      timestamptz NULL
);
CREATE UNIQUE INDEX release_receipts_plan_address ON release_receipts (plan_id, lower(address));
CREATE INDEX release_receipts_due ON release_receipts (remind_at) WHERE acknowledged_at IS NULL AND reminded_at IS NULL;

-- A recall (thu hồi) or replacement (thay thế) of a released plan: one per plan.
CREATE TABLE plan_recalls (
    plan_id      uuid        PRIMARY KEY REFERENCES plans (id),
    kind         text        NOT NULL CHECK (kind IN ('recall', 'replace')),
    reason       text        NOT NULL,
    replaced_by  uuid        NULL REFERENCES plans (id),
    recalled_by  text        NOT NULL,
    recalled_at  timestamptz NOT NULL
);

-- A queued message that is no longer to be sent (its plan recalled): withdrawn, never claimed.
ALTER TABLE outgoing_messages DROP CONSTRAINT outgoing_messages_status_check;
ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_status_check
    CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed', 'withdrawn'));
