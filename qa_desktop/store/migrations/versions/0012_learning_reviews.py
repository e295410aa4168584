"""Learning reviews after significant events (the event, its date, the child's case, the
review lead, findings by practice area, actions with owner and status), and what a thematic
audit's terms of reference add to it (the trigger, the scope its sample is drawn from, who
agreed the terms and when) and where each thematic action stands. New tables only: no table
of an earlier release is altered.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('learning_reviews',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('event', sa.Text(), nullable=False),
    sa.Column('event_on', sa.Date(), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('lead_id', sa.String(length=36), nullable=False),
    sa.Column('learning', sa.Text(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_learning_reviews_case_id_cases')),
    sa.ForeignKeyConstraint(['lead_id'], ['people.id'], name=op.f('fk_learning_reviews_lead_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_reviews'))
    )
    with op.batch_alter_table('learning_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_reviews_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_reviews_lead_id'), ['lead_id'], unique=False)

    op.create_table('thematic_terms',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('thematic_id', sa.String(length=36), nullable=False),
    sa.Column('trigger', sa.String(length=30), nullable=False),
    sa.Column('trigger_detail', sa.Text(), nullable=False),
    sa.Column('legal_statuses', sa.Text(), nullable=False),
    sa.Column('service_ids', sa.Text(), nullable=False),
    sa.Column('team_ids', sa.Text(), nullable=False),
    sa.Column('age_bands', sa.Text(), nullable=False),
    sa.Column('agreed_by_id', sa.String(length=36), nullable=True),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agreed_by_id'], ['people.id'], name=op.f('fk_thematic_terms_agreed_by_id_people')),
    sa.ForeignKeyConstraint(['thematic_id'], ['thematic_audits.id'], name=op.f('fk_thematic_terms_thematic_id_thematic_audits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_terms')),
    sa.UniqueConstraint('thematic_id', name=op.f('uq_thematic_terms_thematic_id'))
    )
    op.create_table('learning_review_actions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_learning_review_actions_owner_id_people')),
    sa.ForeignKeyConstraint(['review_id'], ['learning_reviews.id'], name=op.f('fk_learning_review_actions_review_id_learning_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_review_actions'))
    )
    with op.batch_alter_table('learning_review_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_review_actions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_review_actions_review_id'), ['review_id'], unique=False)

    op.create_table('learning_review_findings',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('area', sa.String(length=60), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['learning_reviews.id'], name=op.f('fk_learning_review_findings_review_id_learning_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_review_findings')),
    sa.UniqueConstraint('review_id', 'area', name=op.f('uq_learning_review_findings_review_id'))
    )
    op.create_table('thematic_action_progress',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['thematic_actions.id'], name=op.f('fk_thematic_action_progress_action_id_thematic_actions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_action_progress')),
    sa.UniqueConstraint('action_id', name=op.f('uq_thematic_action_progress_action_id'))
    )


def downgrade() -> None:
    op.drop_table('thematic_action_progress')
    op.drop_table('learning_review_findings')
    with op.batch_alter_table('learning_review_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_review_actions_review_id'))
        batch_op.drop_index(batch_op.f('ix_learning_review_actions_owner_id'))

    op.drop_table('learning_review_actions')
    op.drop_table('thematic_terms')
    with op.batch_alter_table('learning_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_reviews_lead_id'))
        batch_op.drop_index(batch_op.f('ix_learning_reviews_case_id'))

    op.drop_table('learning_reviews')
