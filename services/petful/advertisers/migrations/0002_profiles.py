"""advertisers: company profiles of advertiser accounts and their approval status.

Revision ID: advertisers_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "advertisers_0002"
down_revision = "advertisers_0001"
branch_labels = None
depends_on = None

SCHEMA = "advertisers"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("user_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("company_name", sa.Text, nullable=False),
        sa.Column("business_registration_number", sa.Text, nullable=False),
        sa.Column("representative_name", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("website", sa.Text, nullable=False, server_default=""),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("logo_media_id", sa.Text, nullable=False, server_default=""),
        sa.Column("business_document_media_id", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("submitted_at", TS),
        sa.Column("decided_at", TS),
        sa.Column("decided_by", UUID(as_uuid=True)),
        sa.CheckConstraint(
            "status IN ('DRAFT', 'PENDING', 'APPROVED', 'REJECTED', 'RESTRICTED')",
            name="status",
        ),
        sa.CheckConstraint(
            "business_registration_number ~ '^[0-9]{3}-[0-9]{2}-[0-9]{5}$'", name="brn_format"
        ),
        schema=SCHEMA,
    )
    # A company is registered once: its number is unique among profiles not rejected.
    op.create_index(
        "uq_profiles_brn_live",
        "profiles",
        ["business_registration_number"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status <> 'REJECTED'"),
    )
    op.create_index(
        "ix_profiles_status_created", "profiles", ["status", "created_at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("profiles", schema=SCHEMA)
