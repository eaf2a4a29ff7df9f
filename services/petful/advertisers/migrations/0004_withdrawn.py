"""advertisers: WITHDRAWN profiles, closed records whose registration number is free again.

A withdrawn company's number stays on its record (until identity's erasure event) but no
longer holds the unique index, so another account may register the business at once.

Revision ID: advertisers_0004
"""

import sqlalchemy as sa
from alembic import op

revision = "advertisers_0004"
down_revision = "advertisers_0003"
branch_labels = None
depends_on = None

SCHEMA = "advertisers"
STATUSES = ("DRAFT", "PENDING", "APPROVED", "REJECTED", "RESTRICTED")


def _status_check(statuses: tuple[str, ...]) -> None:
    op.drop_constraint("status", "profiles", schema=SCHEMA, type_="check")
    listed = ", ".join(f"'{s}'" for s in statuses)
    op.create_check_constraint("status", "profiles", f"status IN ({listed})", schema=SCHEMA)


def _brn_index(free: tuple[str, ...]) -> None:
    op.drop_index("uq_profiles_brn_live", "profiles", schema=SCHEMA)
    listed = ", ".join(f"'{s}'" for s in free)
    op.create_index(
        "uq_profiles_brn_live",
        "profiles",
        ["business_registration_number"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text(f"status NOT IN ({listed})"),
    )


def upgrade() -> None:
    _status_check((*STATUSES, "WITHDRAWN"))
    _brn_index(("REJECTED", "WITHDRAWN"))


def downgrade() -> None:
    # Withdrawn profiles are records the law asks us to keep and the older schema cannot
    # hold: refuse rather than drop or disguise them.
    withdrawn = op.get_bind().scalar(
        sa.text(f"SELECT count(*) FROM {SCHEMA}.profiles WHERE status = 'WITHDRAWN'")
    )
    if withdrawn:
        raise RuntimeError(f"{withdrawn} withdrawn advertiser profiles: cannot downgrade")
    _brn_index(("REJECTED",))
    _status_check(STATUSES)
