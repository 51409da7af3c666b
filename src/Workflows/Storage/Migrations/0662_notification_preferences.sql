-- Issue 17: each user may turn off the email of a new task and the morning digest of overdue tasks (both on when the
-- user has no row). Owner: src/Workflows/Notifications.
CREATE TABLE notification_preferences (
    user_name       text        PRIMARY KEY,
    task_mail       boolean     NOT NULL,
    overdue_digest  boolean     NOT NULL,
    updated_at      timestamptz NOT NULL
);
