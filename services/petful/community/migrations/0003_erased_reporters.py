"""community: reports whose reporter was erased no longer count as that person's.

An erased reporter becomes the nil UUID (`rules.ERASED_REPORTER`). The one-open-report-per-
(reporter, target) index leaves those rows out: several erased people may have open reports
about the same target, and they are nobody's duplicates.

Revision ID: community_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "community_0003"
down_revision = "community_0002"
branch_labels = None
depends_on = None

SCHEMA = "community"
INDEX = "uq_reports_open_per_target"
NIL = "00000000-0000-0000-0000-000000000000"


def _open_per_target(where: str) -> None:
    op.drop_index(INDEX, "reports", schema=SCHEMA)
    op.create_index(
        INDEX,
        "reports",
        ["reporter_id", "target_type", "target_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    _open_per_target(f"status = 'OPEN' AND reporter_id <> '{NIL}'")


def downgrade() -> None:
    _open_per_target("status = 'OPEN'")
