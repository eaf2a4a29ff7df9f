"""community: user reports (신고), moved here from identity.

The rows identity holds are copied over: identity stopped writing them in the same release,
and keeps its table (read by nobody) until a later release drops it. `petful migrate` runs
identity's migrations before community's, so the table to copy from is in place.

Revision ID: community_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "community_0002"
down_revision = "community_0001"
branch_labels = None
depends_on = None

SCHEMA = "community"
TS = sa.DateTime(timezone=True)
COLUMNS = (
    "id, reporter_id, target_type, target_id, category, text, status, created_at, "
    "handled_at, handled_by, resolution_reason, target_suspended"
)


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        # identity's account id; no foreign key across services.
        sa.Column("reporter_id", UUID(as_uuid=True), nullable=False),
        sa.Column("target_type", sa.Text, nullable=False),
        sa.Column("target_id", UUID(as_uuid=True), nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("handled_at", TS),
        sa.Column("handled_by", UUID(as_uuid=True)),
        sa.Column("resolution_reason", sa.Text),
        sa.Column("target_suspended", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("target_type IN ('USER', 'POST', 'COMMENT')", name="target_type"),
        sa.CheckConstraint(
            "category IN ('SPAM', 'ABUSE', 'INAPPROPRIATE', 'FRAUD', 'OTHER')", name="category"
        ),
        sa.CheckConstraint("status IN ('OPEN', 'RESOLVED', 'DISMISSED')", name="status"),
        sa.CheckConstraint(
            "NOT (target_type = 'USER' AND target_id = reporter_id)", name="not_self"
        ),
        schema=SCHEMA,
    )
    # One open report per (reporter, target); handled ones do not block a new report.
    op.create_index(
        "uq_reports_open_per_target",
        "reports",
        ["reporter_id", "target_type", "target_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.create_index(
        "ix_reports_status_created", "reports", ["status", "created_at", "id"], schema=SCHEMA
    )
    op.create_index(
        "ix_reports_reporter_created", "reports", ["reporter_id", "created_at"], schema=SCHEMA
    )
    if op.get_bind().scalar(sa.text("SELECT to_regclass('identity.reports')")) is not None:
        op.execute(
            f"INSERT INTO {SCHEMA}.reports ({COLUMNS}) "
            f"SELECT {COLUMNS} FROM identity.reports ON CONFLICT (id) DO NOTHING"
        )


def downgrade() -> None:
    op.drop_table("reports", schema=SCHEMA)
