"""identity: admin audit log and user reports (신고).

Revision ID: identity_0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "identity_0003"
down_revision = "identity_0002"
branch_labels = None
depends_on = None

SCHEMA = "identity"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("actor_id", UUID(as_uuid=True), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target_type", sa.Text, nullable=False),
        sa.Column("target_id", UUID(as_uuid=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("details", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )
    op.create_index("ix_audit_log_created_at_id", "audit_log", ["created_at", "id"], schema=SCHEMA)
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor_id"], schema=SCHEMA)
    op.create_index("ix_audit_log_target", "audit_log", ["target_type", "target_id"], schema=SCHEMA)
    op.create_table(
        "reports",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "reporter_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
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


def downgrade() -> None:
    op.drop_table("reports", schema=SCHEMA)
    op.drop_table("audit_log", schema=SCHEMA)
