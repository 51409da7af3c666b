-- Reporting (issue 5): schedules of recurring reports, their periods, and one request per school and period.
-- Contract shared by the scheduler side and the submission side; extend with new columns, do not rename these.

CREATE TABLE reporting_schedules (
    id                  uuid        PRIMARY KEY,
    plan_id             uuid        NULL REFERENCES plans (id),      -- null: a standalone report campaign
    body_code           text        NOT NULL,                        -- the issuing body that asks
    title               text        NOT NULL,                        -- the report's name as the schools see it
    frequency           text        NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly', 'once')),
    rule                jsonb       NOT NULL,                        -- due day / months / date, as the frequency needs
    starts_on           date        NOT NULL,
    ends_on             date        NOT NULL,
    target              jsonb       NOT NULL,                        -- {"groupId": …} or {"entryIds": […]}
    definition_id       text        NOT NULL,
    definition_version  int         NOT NULL,
    status              text        NOT NULL CHECK (status IN ('active', 'ended', 'cancelled')),
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL
);
CREATE INDEX reporting_schedules_plan ON reporting_schedules (plan_id);

CREATE TABLE reporting_periods (
    id              uuid        PRIMARY KEY,
    schedule_id     uuid        NOT NULL REFERENCES reporting_schedules (id),
    period_key      text        NOT NULL,                            -- e.g. 2026-03, 2026-Q1, 2026-H1, 2026
    label           text        NOT NULL,                            -- e.g. "Tháng 3/2026"
    opens_at        timestamptz NOT NULL,                            -- when the requests go out
    cut_off_from    date        NOT NULL,                            -- data cut-off (Nghị định 09/2019, Điều 12)
    cut_off_to      date        NOT NULL,
    due_on          date        NOT NULL,                            -- the due day as written (Vietnam date)
    deadline        timestamptz NOT NULL,                            -- end of due day, moved to the next working day
    closes_at       timestamptz NOT NULL,                            -- links expire; late submissions end
    state           text        NOT NULL CHECK (state IN ('scheduled', 'open', 'closed')),
    UNIQUE (schedule_id, period_key)
);

CREATE TABLE report_requests (
    id                  uuid        PRIMARY KEY,
    period_id           uuid        NOT NULL REFERENCES reporting_periods (id),
    schedule_id         uuid        NOT NULL REFERENCES reporting_schedules (id),
    entry_id            uuid        NOT NULL,                        -- the school's directory entry
    school_name         text        NOT NULL,
    address             text        NOT NULL,
    token_hash          bytea       NOT NULL UNIQUE,                 -- SHA-256 of the raw token; the raw token is never stored
    token_revoked_at    timestamptz NULL,
    requested_at        timestamptz NOT NULL,
    first_submitted_at  timestamptz NULL,
    last_submitted_at   timestamptz NULL,
    submitted_late      boolean     NULL,                            -- set on the first submission: after the deadline?
    overdue_at          timestamptz NULL,                            -- when it was marked overdue
    UNIQUE (period_id, entry_id)
);
CREATE INDEX report_requests_open ON report_requests (period_id) WHERE first_submitted_at IS NULL;

-- Each workflow step done for a request or a period, once: reminders, notices, summaries.
CREATE TABLE reporting_steps_done (
    period_id   uuid        NOT NULL REFERENCES reporting_periods (id),
    request_id  uuid        NULL,                                    -- null for period-wide steps (the leaders' summary)
    step        text        NOT NULL,
    done_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX reporting_steps_done_once ON reporting_steps_done (period_id, coalesce(request_id, '00000000-0000-0000-0000-000000000000'::uuid), step);
