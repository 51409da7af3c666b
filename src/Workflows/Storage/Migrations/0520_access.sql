-- Who is signed in, and who keeps failing to. Both tables are shared by every Host process on the database.
--
-- auth_sessions: the server side of each sign-in (ASP.NET Core's ITicketStore). The cookie carries only the key;
-- the ticket (claims, expiry) is here, encrypted with the Data Protection key ring. Deleting a user's rows ends their
-- sessions on every node at once: sign-out deletes one row; disabling, a password reset or a change of roles all rows.
CREATE TABLE auth_sessions (
    key          text        PRIMARY KEY,
    user_id      text        NOT NULL,
    ticket       bytea       NOT NULL,
    expires_at   timestamptz NULL,
    created_at   timestamptz NOT NULL,
    renewed_at   timestamptz NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);

-- sign_in_failures: consecutive failed sign-ins per account name (as typed, normalised) and client address, known
-- account or not. After a few, the next attempt from that address for that name waits a growing delay; the owner
-- signing in from another address is not slowed. A success deletes the row.
CREATE TABLE sign_in_failures (
    account      text        NOT NULL,
    address      text        NOT NULL,
    failures     int         NOT NULL,
    last_failure timestamptz NOT NULL,
    not_before   timestamptz NOT NULL,
    PRIMARY KEY (account, address)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure);
