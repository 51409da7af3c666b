-- ASP.NET Core Data Protection key ring shared by every Host process on this database, so that an authentication
-- cookie or an antiforgery token made by one node is read by another. One row per XML element the key manager
-- stores (keys and revocations); rows are never updated. The keys are stored unencrypted: whoever can read this
-- table can forge cookies, so grant it like the Identity tables.
CREATE TABLE data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
