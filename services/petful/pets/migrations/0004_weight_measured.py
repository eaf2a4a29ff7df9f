"""pets: when the pet's current weight was measured, as the health log tells it.

The health service publishes the weight of a pet's newest day (`health.weight.recorded`);
events may arrive out of order, so the pet keeps the day and the write time of the
measurement its weight came from and ignores an older one. Both null: the weight (if any)
was typed on the pet card.

Revision ID: pets_0004
"""

import sqlalchemy as sa
from alembic import op

revision = "pets_0004"
down_revision = "pets_0003"
branch_labels = None
depends_on = None

SCHEMA = "pets"


def upgrade() -> None:
    op.add_column("pets", sa.Column("weight_measured_on", sa.Date), schema=SCHEMA)
    op.add_column(
        "pets", sa.Column("weight_recorded_at", sa.DateTime(timezone=True)), schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_column("pets", "weight_recorded_at", schema=SCHEMA)
    op.drop_column("pets", "weight_measured_on", schema=SCHEMA)
