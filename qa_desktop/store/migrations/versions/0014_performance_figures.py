"""The monthly performance extract's figures: a team's measure for a month as the
case-recording system reported it, read beside the audits (triangulation). A new table only:
no table of an earlier release is altered.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('performance_figures',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('measure', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('imported_by_id', sa.String(length=36), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['people.id'], name=op.f('fk_performance_figures_imported_by_id_people')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_performance_figures_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_performance_figures')),
    sa.UniqueConstraint('team_id', 'month', 'measure', name=op.f('uq_performance_figures_team_id'))
    )


def downgrade() -> None:
    op.drop_table('performance_figures')
