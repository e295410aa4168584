-- Roles are named after the database, so several central databases share one cluster: the
-- owner of everything (NOLOGIN) and the group of client logins (no table rights).
DO $roles$
DECLARE
  owner_role text := 'qa_owner_' || current_database();
  client_role text := 'qa_client_' || current_database();
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', owner_role);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = client_role) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', client_role);
  END IF;
  EXECUTE format('ALTER SCHEMA qa_central OWNER TO %I', owner_role);
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), client_role);
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('SET ROLE %I', owner_role);
END
$roles$;
