-- Row-level security (forced on the owner too) and the grants: clients may only EXECUTE
-- hello, push, pull, the sign-off confirmation and presence.
-- Who the session is, for the policies. Each is called inside a scalar sub-select, so it runs
-- once per statement rather than once per row. Plain SQL (inlined by the planner): they only
-- ever run as the owner, inside the SECURITY DEFINER functions; clients may not call them.
CREATE FUNCTION qa_central.session_person() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT l.person_id FROM qa_central.logins l WHERE l.login = session_user
$$;

CREATE FUNCTION qa_central.session_reads_all() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT qa_central.is_senior(l) FROM qa_central.logins l
                   WHERE l.login = session_user), false)
$$;

CREATE FUNCTION qa_central.session_is_qa() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT qa_central.is_qa(l) FROM qa_central.logins l
                   WHERE l.login = session_user), false)
$$;

ALTER TABLE qa_central.rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_central.rows FORCE ROW LEVEL SECURITY;
ALTER TABLE qa_central.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_central.changes FORCE ROW LEVEL SECURITY;
-- Reads: shared rows, every audit for managers and the QA team, and the audits and
-- observations a person is given; never a row hidden from them (family feedback).
CREATE POLICY read_rows ON qa_central.rows FOR SELECT USING (
  NOT coalesce((SELECT qa_central.session_person()) = ANY (hidden_from), false) AND (
    audit_id IS NULL OR (SELECT qa_central.session_is_qa())
    OR ((SELECT qa_central.session_reads_all()) AND audit_id NOT LIKE 'observation:%')
    OR audit_id IN (SELECT a.audit_id FROM qa_central.audit_access a
                    WHERE a.person_id = (SELECT qa_central.session_person()))));
CREATE POLICY add_rows ON qa_central.rows FOR INSERT WITH CHECK (
  (SELECT qa_central.session_is_qa())
  OR (audit_id IS NOT NULL AND (
    (SELECT qa_central.session_reads_all())
    OR audit_id IN (SELECT a.audit_id FROM qa_central.audit_access a
                    WHERE a.person_id = (SELECT qa_central.session_person())))));
CREATE POLICY change_rows ON qa_central.rows FOR UPDATE USING (
  (SELECT qa_central.session_is_qa())
  OR (audit_id IS NOT NULL AND (
    (SELECT qa_central.session_reads_all())
    OR audit_id IN (SELECT a.audit_id FROM qa_central.audit_access a
                    WHERE a.person_id = (SELECT qa_central.session_person())))));
CREATE POLICY read_changes ON qa_central.changes FOR SELECT USING (
  NOT coalesce((SELECT qa_central.session_person()) = ANY (hidden_from), false) AND (
    audit_id IS NULL OR (SELECT qa_central.session_is_qa())
    OR ((SELECT qa_central.session_reads_all()) AND audit_id NOT LIKE 'observation:%')
    OR audit_id IN (SELECT a.audit_id FROM qa_central.audit_access a
                    WHERE a.person_id = (SELECT qa_central.session_person()))));
CREATE POLICY add_changes ON qa_central.changes FOR INSERT WITH CHECK (
  (SELECT qa_central.session_person()) IS NOT NULL AND (
    kind = 'conflict' OR (SELECT qa_central.session_is_qa())
    OR (audit_id IS NOT NULL AND (
      (SELECT qa_central.session_reads_all())
      OR audit_id IN (SELECT a.audit_id FROM qa_central.audit_access a
                      WHERE a.person_id = (SELECT qa_central.session_person()))))));

RESET ROLE;
REVOKE ALL ON ALL TABLES IN SCHEMA qa_central FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA qa_central FROM PUBLIC;
DO $grants$
DECLARE
  client_role text := 'qa_client_' || current_database();
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA qa_central TO %I', client_role);
  EXECUTE format('GRANT EXECUTE ON FUNCTION qa_central.hello(int, int), '
                 'qa_central.push(int, int, jsonb), qa_central.pull(int, int, bigint, int), '
                 'qa_central.sign_off_login(int, int, text), '
                 'qa_central.confirm_sign_off(int, int, text), '
                 'qa_central.presence(int, int, text, text, boolean) TO %I',
                 client_role);
END
$grants$;
