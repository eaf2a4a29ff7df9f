"""health: care schedules (RRULE series), their exceptions, reminders and calendar feeds.

Revision ID: health_0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, BYTEA, UUID

revision = "health_0003"
down_revision = "health_0002"
branch_labels = None
depends_on = None

SCHEMA = "health"
TS = sa.DateTime(timezone=True)
KINDS = "'MEDICATION', 'CARE', 'VACCINATION', 'EXERCISE', 'TRAINING'"
LEADS = "0, 10, 30, 60, 1440, 2880, 4320"


def upgrade() -> None:
    op.create_table(
        "schedules",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        # identity's account and the pets service's pet: no foreign keys across services.
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("sub_type", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("memo", sa.Text, nullable=False, server_default=""),
        sa.Column("times", ARRAY(sa.Time), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("rrule", sa.Text, nullable=False, server_default=""),
        sa.Column("medication_name", sa.Text),
        sa.Column("dosage", sa.Text),
        sa.Column("doses_per_day", sa.Integer),
        sa.Column("duration_days", sa.Integer),
        sa.Column("from_prescription", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reminder_lead_minutes", sa.Integer),
        sa.Column("last_lead_minutes", sa.Integer, nullable=False),
        sa.Column("next_occurrence_key", TS),
        sa.Column("next_occurrence_at", TS),
        sa.Column("next_fire_at", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("deleted_at", TS),
        sa.CheckConstraint(f"kind IN ({KINDS})", name="kind"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
        sa.CheckConstraint("cardinality(times) BETWEEN 1 AND 6", name="times"),
        sa.CheckConstraint(
            f"reminder_lead_minutes IS NULL OR reminder_lead_minutes IN ({LEADS})",
            name="reminder_lead",
        ),
        sa.CheckConstraint(f"last_lead_minutes IN ({LEADS})", name="last_lead"),
        sa.CheckConstraint(
            "(kind = 'MEDICATION') = (medication_name IS NOT NULL)", name="medication"
        ),
        schema=SCHEMA,
    )
    # Listing a pet's (or an owner's) live schedules; erasing an owner's.
    op.create_index(
        "ix_schedules_pet_live",
        "schedules",
        ["pet_id", "start_date"],
        schema=SCHEMA,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index("ix_schedules_owner", "schedules", ["owner_id"], schema=SCHEMA)
    # The reminder scan reads only what is due: live schedules with reminders on.
    op.create_index(
        "ix_schedules_next_fire",
        "schedules",
        ["next_fire_at"],
        schema=SCHEMA,
        postgresql_where=sa.text(
            "deleted_at IS NULL AND reminder_lead_minutes IS NOT NULL AND next_fire_at IS NOT NULL"
        ),
    )
    op.create_table(
        "schedule_exceptions",
        sa.Column(
            "schedule_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.schedules.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", TS, primary_key=True),
        sa.Column("cancelled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("moved_to", TS),
        sa.Column("title", sa.Text),
        schema=SCHEMA,
    )
    op.create_table(
        "reminders",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "schedule_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.schedules.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("sub_type", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("occurrence_key", TS, nullable=False),
        sa.Column("occurs_at", TS, nullable=False),
        sa.Column("lead_minutes", sa.Integer, nullable=False),
        sa.Column("fired_at", TS, nullable=False),
        # One reminder per occurrence, however often the scan runs.
        sa.UniqueConstraint("schedule_id", "occurrence_key", name="uq_reminders_occurrence"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_reminders_owner_fired", "reminders", ["owner_id", "fired_at", "id"], schema=SCHEMA
    )
    op.create_index("ix_reminders_pet", "reminders", ["pet_id"], schema=SCHEMA)
    op.create_table(
        "calendar_feeds",
        sa.Column("owner_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("token_hash", BYTEA, nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds", schema=SCHEMA)
    op.drop_table("reminders", schema=SCHEMA)
    op.drop_table("schedule_exceptions", schema=SCHEMA)
    op.drop_table("schedules", schema=SCHEMA)
