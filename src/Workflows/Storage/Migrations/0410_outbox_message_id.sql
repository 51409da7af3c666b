-- The Message-ID of an outgoing message is formed in one place: outbox_message_id, used by every insert (all of them
-- built by Distribution/OutboxWriter, the only writer of outgoing_messages). The format is unchanged.
CREATE FUNCTION outbox_message_id(p_id uuid) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '<' || replace(p_id::text, '-', '') || '@workflows.local>'
$$;
