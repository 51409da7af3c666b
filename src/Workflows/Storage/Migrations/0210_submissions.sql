-- Reporting (issue 5), the school's side: every version a school submits through its link, with its files.
-- A resubmission before the period closes adds a version; nothing is overwritten.

CREATE TABLE report_submissions (
    id            uuid        PRIMARY KEY,
    request_id    uuid        NOT NULL REFERENCES report_requests (id),
    version       int         NOT NULL CHECK (version >= 1),      -- 1, 2, … per request
    submitted_at  timestamptz NOT NULL,
    note          text        NULL,
    late          boolean     NOT NULL,                            -- after reporting_periods.deadline
    submitter_ip  text        NULL,
    user_agent    text        NULL,
    UNIQUE (request_id, version)
);

CREATE TABLE report_submission_files (
    id             uuid    PRIMARY KEY,
    submission_id  uuid    NOT NULL REFERENCES report_submissions (id),
    position       int     NOT NULL,                               -- order in the form
    file_name      text    NOT NULL,                               -- the name the school gave
    media_type     text    NOT NULL,                               -- detected from the content
    size_bytes     bigint  NOT NULL,
    sha256         bytea   NOT NULL,
    content        bytea   NOT NULL,
    UNIQUE (submission_id, position)
);
-- Office files (docx, xlsx, pdf, zip) are already compressed: store them out of line without compressing again.
ALTER TABLE report_submission_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- Hashes of links replaced by a reissue: they open nothing but say "revoked" instead of "unknown".
CREATE TABLE report_token_history (
    token_hash  bytea       PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES report_requests (id),
    revoked_at  timestamptz NOT NULL
);
