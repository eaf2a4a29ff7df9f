"""health: the daily activity log (one record per pet per day) and its meals.

Revision ID: health_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "health_0002"
down_revision = "health_0001"
branch_labels = None
depends_on = None

SCHEMA = "health"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "activity_records",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        # The pets service's pet and identity's account: no foreign keys across services.
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("walk_km", sa.Float, nullable=False),
        sa.Column("activity_level", sa.Text, nullable=False),
        sa.Column("weight_kg", sa.Float, nullable=False),
        sa.Column("sleep_hours", sa.Float, nullable=False),
        sa.Column("poop_count", sa.Integer, nullable=False),
        sa.Column("pee_count", sa.Integer, nullable=False),
        sa.Column("memo", sa.Text, nullable=False, server_default=""),
        sa.Column("burn_recommended_kcal", sa.Integer, nullable=False),
        sa.Column("burn_actual_kcal", sa.Integer, nullable=False),
        sa.Column("intake_recommended_kcal", sa.Integer, nullable=False),
        sa.Column("intake_kcal", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("pet_id", "day", name="uq_activity_records_pet_day"),
        sa.CheckConstraint(
            "activity_level IN ('LOW', 'MEDIUM_LOW', 'MEDIUM_HIGH', 'HIGH')",
            name="activity_level",
        ),
        sa.CheckConstraint("walk_km >= 0 AND weight_kg > 0", name="amounts"),
        sa.CheckConstraint("sleep_hours BETWEEN 0 AND 24", name="sleep_hours"),
        sa.CheckConstraint("poop_count >= 0 AND pee_count >= 0", name="counts"),
        schema=SCHEMA,
    )
    # Erasing an account finds its records by owner; the unique index serves the rest.
    op.create_index("ix_activity_records_owner", "activity_records", ["owner_id"], schema=SCHEMA)
    op.create_table(
        "activity_meals",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "record_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.activity_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("meal_type", sa.Text, nullable=False),
        sa.Column("food", sa.Text, nullable=False, server_default=""),
        sa.Column("package_g", sa.Float, nullable=False),
        sa.Column("package_kcal", sa.Float, nullable=False),
        sa.Column("consumed_g", sa.Float, nullable=False),
        sa.Column("consumed_kcal", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "meal_type IN ('BREAKFAST', 'LUNCH', 'DINNER', 'SNACK')", name="meal_type"
        ),
        sa.CheckConstraint(
            "package_g > 0 AND package_kcal >= 0 AND consumed_g > 0", name="amounts"
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_activity_meals_record", "activity_meals", ["record_id", "position"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("activity_meals", schema=SCHEMA)
    op.drop_table("activity_records", schema=SCHEMA)
