-- The central tables: meta, the server counter, logins, rows, the change log, audit access.
CREATE TABLE qa_central.meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO qa_central.meta VALUES
  ('protocol_version', '1'), ('min_client_format', '1');

CREATE TABLE qa_central.counter (id int PRIMARY KEY CHECK (id = 1), last bigint NOT NULL);
INSERT INTO qa_central.counter VALUES (1, 0);

-- A person's database login: who they are and what they do.
CREATE TABLE qa_central.logins (
  login name PRIMARY KEY,
  person_id text NOT NULL,
  roles text[] NOT NULL
);

-- Who takes part in which audit (auditor, practitioner, participants, head of service).
CREATE TABLE qa_central.audit_access (
  audit_id text NOT NULL,
  person_id text NOT NULL,
  granted_seq bigint NOT NULL DEFAULT 0,   -- from then on they see it: earlier changes are
  PRIMARY KEY (audit_id, person_id)        -- sent to them once, with their next pull
);

CREATE TABLE qa_central.rows (
  table_name text NOT NULL,
  row_id text NOT NULL,
  audit_id text,                -- the audit the row belongs to; NULL: shared with everyone
  fields jsonb NOT NULL,
  created_seq bigint NOT NULL,
  PRIMARY KEY (table_name, row_id)
);
CREATE INDEX rows_audit ON qa_central.rows (audit_id);

CREATE TABLE qa_central.changes (
  seq bigint PRIMARY KEY,
  change_id text NOT NULL UNIQUE,   -- the client's idempotency key
  kind text NOT NULL CHECK (kind IN ('insert', 'update', 'delete', 'conflict', 'settle')),
  table_name text,
  row_id text,
  audit_id text,
  field text,
  value jsonb,            -- insert: the row; update: the new value; conflict: the other value
  current jsonb,          -- conflict: the value that stayed current
  current_actor_id text,
  current_at text,
  actor_id text,
  at text,
  conflict_id text,       -- settle: the conflict settled
  login name NOT NULL DEFAULT session_user,
  accepted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_row ON qa_central.changes (table_name, row_id);

-- Changes the caller's role may not make: kept (nothing is lost), never applied.
CREATE TABLE qa_central.refused (
  change_id text PRIMARY KEY,
  login name NOT NULL DEFAULT session_user,
  change jsonb NOT NULL,
  reason text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
