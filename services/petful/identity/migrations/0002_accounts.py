"""identity: accounts, sessions (refresh-token families) and refresh tokens.

Revision ID: identity_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "identity_0002"
down_revision = "identity_0001"
branch_labels = None
depends_on = None

SCHEMA = "identity"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("nickname", sa.Text, nullable=False),
        sa.Column("nickname_key", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("bio", sa.Text, nullable=False, server_default=""),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("birth_date", sa.Date),
        sa.Column("profile_image_id", sa.Text, nullable=False, server_default=""),
        sa.Column("email_verified_at", TS),
        sa.Column("suspension_reason", sa.Text),
        sa.Column("suspended_until", TS),
        sa.Column("withdrawn_at", TS),
        sa.Column("withdrawal_reason", sa.Text),
        sa.Column("password_changed_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("role IN ('USER', 'ADVERTISER', 'ADMIN')", name="role"),
        sa.CheckConstraint("status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')", name="status"),
        sa.CheckConstraint("email = lower(email)", name="email_lower"),
        schema=SCHEMA,
    )
    # Email and nickname are unique among accounts that are not withdrawn: a withdrawn
    # account is anonymised and its email and nickname are free again.
    op.create_index(
        "uq_accounts_email_live",
        "accounts",
        ["email"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status <> 'WITHDRAWN'"),
    )
    op.create_index(
        "uq_accounts_nickname_key_live",
        "accounts",
        ["nickname_key"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status <> 'WITHDRAWN'"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "account_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_used_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("revoked_at", TS),
        sa.Column("revoked_reason", sa.Text),
        sa.Column("client_ip", sa.Text, nullable=False, server_default=""),
        sa.Column("user_agent", sa.Text, nullable=False, server_default=""),
        schema=SCHEMA,
    )
    op.create_index("ix_sessions_account_id", "sessions", ["account_id"], schema=SCHEMA)
    op.create_table(
        "refresh_tokens",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "session_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS),
        schema=SCHEMA,
    )
    op.create_index("ix_refresh_tokens_session_id", "refresh_tokens", ["session_id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("refresh_tokens", schema=SCHEMA)
    op.drop_table("sessions", schema=SCHEMA)
    op.drop_table("accounts", schema=SCHEMA)
