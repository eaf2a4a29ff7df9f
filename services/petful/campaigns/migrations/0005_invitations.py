"""campaigns: invitations an advertiser sends to recommended PetStars.

Revision ID: campaigns_0005
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "campaigns_0005"
down_revision = "campaigns_0004"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "invitations",
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
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        # One invitation per pet and campaign: inviting again is answered with the first.
        sa.UniqueConstraint("campaign_id", "pet_id", name="uq_invitations_campaign_pet"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_invitations_owner", "invitations", ["owner_user_id", "created_at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("invitations", schema=SCHEMA)
