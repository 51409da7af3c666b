-- The issued document of a plan (issue 13): the PDF signed by the head at signing, then numbered, dated and signed by
-- the body at numbering (stage 'sealed'); written only by Plans/Documents/IssuedDocuments.
CREATE TABLE issued_documents (
    plan_id    uuid PRIMARY KEY REFERENCES plans (id),
    stage      text NOT NULL CHECK (stage IN ('signed', 'sealed')),
    content    bytea NOT NULL,
    sha256     text NOT NULL,
    stamp      jsonb NOT NULL,
    signed_by  text NOT NULL,
    signed_at  timestamptz NOT NULL,
    sealed_at  timestamptz,
    updated_at timestamptz NOT NULL
);

-- Signing certificates and keys: one active per signer (user name) and per body (code), and the installation's CA.
-- The PKCS#12 file is stored encrypted (AES-256-GCM, key from configuration); written only by Plans/Documents/SigningKeys.
CREATE TABLE signing_keys (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('ca', 'signer', 'body')),
    owner         text NOT NULL,
    subject       text NOT NULL,
    thumbprint    text NOT NULL,
    not_before    timestamptz NOT NULL,
    not_after     timestamptz NOT NULL,
    sealed_pkcs12 bytea NOT NULL,
    imported      boolean NOT NULL,
    active        boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text NOT NULL
);
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (kind, owner) WHERE active;
