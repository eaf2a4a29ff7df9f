"""community: moderation works on real posts and comments.

A resolved report records the admin's action (`ModerationAction`); the ones resolved before
had two possible outcomes, a suspension of the reported user or nothing, and are filled in
so. Two indexes serve the queue: the open reports of one target (the hide threshold, a
decision applying to all of them, the count the queue shows) and the queue filtered by
target type.

Revision ID: community_0005
"""

import sqlalchemy as sa
from alembic import op

revision = "community_0005"
down_revision = "community_0004"
branch_labels = None
depends_on = None

SCHEMA = "community"
ACTIONS = "'NONE', 'HIDE_CONTENT', 'DELETE_CONTENT', 'WARN_AUTHOR', 'SUSPEND_AUTHOR'"


def upgrade() -> None:
    op.add_column("reports", sa.Column("action", sa.Text), schema=SCHEMA)
    op.execute(
        f"UPDATE {SCHEMA}.reports SET action = CASE WHEN target_suspended "
        "THEN 'SUSPEND_AUTHOR' ELSE 'NONE' END WHERE status = 'RESOLVED'"
    )
    op.create_check_constraint(
        "action",
        "reports",
        # An action exactly when resolved, and one the service knows.
        f"(status = 'RESOLVED') = (action IS NOT NULL) AND action IN ({ACTIONS})",
        schema=SCHEMA,
    )
    op.create_index(
        "ix_reports_open_target",
        "reports",
        ["target_type", "target_id"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.create_index(
        "ix_reports_type_status_created",
        "reports",
        ["target_type", "status", "created_at", "id"],
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_index("ix_reports_type_status_created", "reports", schema=SCHEMA)
    op.drop_index("ix_reports_open_target", "reports", schema=SCHEMA)
    op.drop_constraint("action", "reports", schema=SCHEMA, type_="check")
    op.drop_column("reports", "action", schema=SCHEMA)
