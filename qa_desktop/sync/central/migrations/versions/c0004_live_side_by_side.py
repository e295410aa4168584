"""Live side by side: push tells each audit it changed on that audit's own channel (PostgreSQL
NOTIFY, delivered at commit, ids only), and a presence function tells who has an audit open
and in which practice area (a notification only, never stored).

Revision ID: c0004
Revises: c0003
"""

from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The SQL holds %-signs (format()) and dollar quotes: hand it to the driver unparsed.
    driver = op.get_bind().connection.driver_connection
    assert driver is not None
    driver.execute(UPGRADE_5)


def downgrade() -> None:
    raise NotImplementedError("the central database is never migrated down")


# The SQL as this revision ran it, frozen here (the live schema is in the .sql files beside
# qa_desktop/sync/central/sql.py): a change to the central schema is a new revision.
UPGRADE_5 = r"""
DO $owner$
BEGIN
  EXECUTE format('SET ROLE %I', 'qa_owner_' || current_database());
END
$owner$;
-- Live side by side. An audit's channel is named from its id (md5: always a valid channel
-- name); what travels on it is ids only, never content: {"seq": n} after a push changed the
-- audit (the listener pulls, and the pull applies the rights), or presence.
CREATE FUNCTION qa_central.live_channel(p_audit text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'qa_live_' || md5(p_audit) $$;

-- After a push: each audit changed since p_after, told on its channel with its newest seq.
CREATE FUNCTION qa_central.tell_audits(p_after bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(qa_central.live_channel(k.audit_id),
                    json_build_object('seq', max(k.seq))::text)
  FROM qa_central.changes k WHERE k.seq > p_after AND k.audit_id IS NOT NULL
  GROUP BY k.audit_id;
END $$;

-- Presence: who has an audit open and in which practice area (p_area, a section id, or
-- "closing", "signoff"). The person is the login's, never the caller's word; only someone who
-- may read the audit is told to the others. Nothing is stored: it is a notification only.
CREATE FUNCTION qa_central.presence(p_protocol int, p_format int, p_audit text, p_area text,
                                    p_here boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM rows r WHERE r.table_name = 'audits' AND r.row_id = p_audit) THEN
    RETURN;  -- row-level security: an audit this login may not read is not theirs to be in
  END IF;
  PERFORM pg_notify(qa_central.live_channel(p_audit), json_build_object(
    'person', me.person_id, 'area', left(coalesce(p_area, ''), 64), 'here', p_here)::text);
END $$;

-- Push a batch of changes. Resent changes (same change_id) get their first answer again.
-- Each audit the batch changed is told on its live channel (delivered at commit): ids only.
CREATE OR REPLACE FUNCTION qa_central.push(p_protocol int, p_format int, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  c jsonb;
  known record;
  results jsonb := '[]'::jsonb;
  first_seq bigint;
BEGIN
  -- One push at a time: sequence numbers are taken and committed in one order.
  SELECT last INTO first_seq FROM counter WHERE id = 1 FOR UPDATE;
  FOR c IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
    SELECT k.seq, k.kind INTO known FROM changes k WHERE k.change_id = c ->> 'change_id';
    IF FOUND THEN
      results := results || jsonb_build_object(
        'change_id', c ->> 'change_id', 'seq', known.seq,
        'status', CASE WHEN known.kind = 'conflict' THEN 'conflict' ELSE 'accepted' END);
      CONTINUE;
    END IF;
    SELECT g.seq, g.status INTO known FROM merged g WHERE g.change_id = c ->> 'change_id';
    IF FOUND THEN
      results := results || jsonb_build_object(
        'change_id', c ->> 'change_id', 'seq', known.seq, 'status', known.status);
      CONTINUE;
    END IF;
    IF EXISTS (SELECT 1 FROM refused WHERE change_id = c ->> 'change_id') THEN
      results := results || jsonb_build_object('change_id', c ->> 'change_id',
                                               'status', 'refused');
      CONTINUE;
    END IF;
    results := results || qa_central.apply_change(me, c);
  END LOOP;
  PERFORM qa_central.tell_audits(first_seq);
  RETURN results;
END $$;

RESET ROLE;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA qa_central FROM PUBLIC;
DO $grants$
DECLARE
  client_role text := 'qa_client_' || current_database();
BEGIN
  EXECUTE format('GRANT EXECUTE ON FUNCTION qa_central.presence(int, int, text, text, boolean) '
                 'TO %I', client_role);
END
$grants$;
"""
