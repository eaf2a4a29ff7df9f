"""identity: when a withdrawn account's kept records were erased.

`erased_at` marks the accounts whose retention period ended and whose `identity.account.erased`
event was emitted, so the daily erasure run emits it once per account.

Revision ID: identity_0005
"""

import sqlalchemy as sa
from alembic import op

revision = "identity_0005"
down_revision = "identity_0004"
branch_labels = None
depends_on = None

SCHEMA = "identity"


def upgrade() -> None:
    op.add_column("accounts", sa.Column("erased_at", sa.DateTime(timezone=True)), schema=SCHEMA)
    # The erasure run looks only at withdrawn accounts not yet erased.
    op.create_index(
        "accounts_withdrawn_unerased",
        "accounts",
        ["withdrawn_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("withdrawn_at IS NOT NULL AND erased_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("accounts_withdrawn_unerased", table_name="accounts", schema=SCHEMA)
    op.drop_column("accounts", "erased_at", schema=SCHEMA)
