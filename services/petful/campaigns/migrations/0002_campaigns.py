"""campaigns: campaigns, applicants and content submissions.

Revision ID: campaigns_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

revision = "campaigns_0002"
down_revision = "campaigns_0001"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"
TS = sa.DateTime(timezone=True)
TEXTS = ARRAY(sa.Text)
PHASES = (
    "DRAFT",
    "PENDING_REVIEW",
    "REJECTED",
    "RECRUITING",
    "SELECTING",
    "ANNOUNCED",
    "IN_PROGRESS",
    "REVIEWING",
    "COMPLETED",
    "CANCELLED",
)
STATUSES = (
    "APPLIED",
    "SELECTED",
    "NOT_SELECTED",
    "SHIPPED",
    "CONTENT_SUBMITTED",
    "REVISION_REQUESTED",
    "APPROVED",
    "COMPLETED",
    "NO_SHOW",
    "CANCELLED",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("advertiser_user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("company_name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("product_name", sa.Text, nullable=False),
        sa.Column("product_description", sa.Text, nullable=False),
        sa.Column("image_media_ids", TEXTS, nullable=False),
        sa.Column("objective", sa.Text, nullable=False),
        sa.Column("missions", TEXTS, nullable=False),
        sa.Column("keywords", TEXTS, nullable=False),
        sa.Column("hashtags", TEXTS, nullable=False),
        sa.Column("requirements", TEXTS, nullable=False),
        sa.Column("product_url", sa.Text, nullable=False),
        sa.Column("campaign_type", sa.Text, nullable=False),
        sa.Column("target_species", TEXTS, nullable=False),
        sa.Column("headcount", sa.Integer, nullable=False),
        sa.Column("reward_description", sa.Text, nullable=False),
        sa.Column("reward_value_krw", sa.BigInteger, nullable=False),
        sa.Column("recruit_start", TS, nullable=False),
        sa.Column("recruit_end", TS, nullable=False),
        sa.Column("announce_at", TS, nullable=False),
        sa.Column("activity_start", TS, nullable=False),
        sa.Column("activity_end", TS, nullable=False),
        sa.Column("post_retention_days", sa.Integer, nullable=False),
        sa.Column("phase", sa.Text, nullable=False),
        sa.Column("phase_reason", sa.Text),
        sa.Column("applicant_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("selected_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("submitted_at", TS),
        sa.Column("approved_at", TS),
        sa.CheckConstraint(_in("phase", PHASES), name="phase"),
        sa.CheckConstraint("campaign_type IN ('DELIVERY', 'VISIT')", name="campaign_type"),
        sa.CheckConstraint("headcount BETWEEN 1 AND 500", name="headcount"),
        sa.CheckConstraint("reward_value_krw >= 0", name="reward_value"),
        # The last line of defence for the selection race: never more than the headcount.
        sa.CheckConstraint("selected_count BETWEEN 0 AND headcount", name="selected_count"),
        sa.CheckConstraint("applicant_count >= 0", name="applicant_count"),
        sa.CheckConstraint(
            "recruit_start < recruit_end AND recruit_end <= announce_at"
            " AND announce_at <= activity_start AND activity_start < activity_end",
            name="schedule_order",
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_campaigns_advertiser", "campaigns", ["advertiser_user_id", "created_at"], schema=SCHEMA
    )
    op.create_index(
        "ix_campaigns_phase_created", "campaigns", ["phase", "created_at"], schema=SCHEMA
    )
    op.create_index(
        "ix_campaigns_phase_recruit_end", "campaigns", ["phase", "recruit_end"], schema=SCHEMA
    )

    op.create_table(
        "applicants",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "campaign_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.campaigns.id"),
            nullable=False,
        ),
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_name", sa.Text, nullable=False),
        sa.Column("owner_user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("carrier", sa.Text),
        sa.Column("tracking_number", sa.Text),
        sa.Column("shipped_at", TS),
        sa.Column("post_url", sa.Text),
        sa.Column("checklist", JSONB),
        sa.Column("likes", sa.BigInteger),
        sa.Column("comments", sa.BigInteger),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint(_in("status", STATUSES), name="status"),
        sa.CheckConstraint("char_length(note) BETWEEN 10 AND 1000", name="note_length"),
        schema=SCHEMA,
    )
    # One live application per pet and campaign (a cancelled one may be replaced).
    op.create_index(
        "uq_applicants_campaign_pet",
        "applicants",
        ["campaign_id", "pet_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status <> 'CANCELLED'"),
    )
    op.create_index(
        "ix_applicants_campaign_created", "applicants", ["campaign_id", "created_at"], schema=SCHEMA
    )
    op.create_index(
        "ix_applicants_owner_created", "applicants", ["owner_user_id", "created_at"], schema=SCHEMA
    )
    op.create_index("ix_applicants_pet", "applicants", ["pet_id"], schema=SCHEMA)

    op.create_table(
        "submissions",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "applicant_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.applicants.id"),
            nullable=False,
        ),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("decision", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("decided_at", TS),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('APPROVED', 'REVISION_REQUESTED')", name="decision"
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_submissions_applicant", "submissions", ["applicant_id", "submitted_at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("submissions", schema=SCHEMA)
    op.drop_table("applicants", schema=SCHEMA)
    op.drop_table("campaigns", schema=SCHEMA)
