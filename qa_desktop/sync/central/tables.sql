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

-- The rulebook (qa_desktop/domain/rights.py), written here by every `central init`: who (by
-- their relation to a record) may do what to which field of it, in which state of its audit,
-- unless they also hold one of `unless`.
CREATE TABLE qa_central.rights (
  table_name text NOT NULL,
  op text NOT NULL CHECK (op IN ('create', 'change', 'delete', 'read')),
  field text NOT NULL,
  state text NOT NULL,
  relation text NOT NULL,
  unless text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (table_name, op, state, relation, field, unless)
);
-- The relations a login's role names give on their own (a QA officer is the QA team...), the
-- fields only the QA team moves, and which field of a record names its author.
CREATE TABLE qa_central.role_relations (
  role text NOT NULL,
  relation text NOT NULL,
  PRIMARY KEY (role, relation)
);
CREATE TABLE qa_central.fixed_fields (field text PRIMARY KEY);
CREATE TABLE qa_central.author_fields (table_name text PRIMARY KEY, field text NOT NULL);
-- Who never reads a row (the allocated worker, for what a family said about them).
ALTER TABLE qa_central.rows ADD COLUMN hidden_from text[] NOT NULL DEFAULT '{}';
ALTER TABLE qa_central.changes ADD COLUMN hidden_from text[] NOT NULL DEFAULT '{}';
-- The time the client said a change was made; `at` is the central database's own.
ALTER TABLE qa_central.changes ADD COLUMN claimed_at text;
-- Inserts merged into a row that existed (their answer, given again if they are resent).
CREATE TABLE qa_central.merged (
  change_id text PRIMARY KEY,
  status text NOT NULL,
  seq bigint
);
