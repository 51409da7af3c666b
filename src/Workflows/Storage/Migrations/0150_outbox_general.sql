-- The outbox carries more than plan releases: reporting requests, reminders, notices, summaries and receipts.
-- plan_id becomes optional; a category names what the message is; dedup_key makes "this step for this request"
-- insert at most once (ON CONFLICT DO NOTHING); redact_after_send drops secrets (submission links) from the body
-- once the server has accepted the message.

ALTER TABLE outgoing_messages ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE outgoing_messages ADD COLUMN category text NOT NULL DEFAULT 'release';
ALTER TABLE outgoing_messages ADD COLUMN dedup_key text NULL;
ALTER TABLE outgoing_messages ADD COLUMN reference_id uuid NULL;
ALTER TABLE outgoing_messages ADD COLUMN redact_after_send boolean NOT NULL DEFAULT false;
ALTER TABLE outgoing_messages DROP CONSTRAINT outgoing_messages_one_per_address;
CREATE UNIQUE INDEX outgoing_messages_one_release_per_address ON outgoing_messages (plan_id, address) WHERE category = 'release';
CREATE UNIQUE INDEX outgoing_messages_dedup ON outgoing_messages (dedup_key) WHERE dedup_key IS NOT NULL;
CREATE INDEX outgoing_messages_reference ON outgoing_messages (reference_id) WHERE reference_id IS NOT NULL;
