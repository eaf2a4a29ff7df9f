"""campaigns: an application's note may be empty, once its owner left PetFul.

The note is the owner's free text; withdrawal clears it (no law asks us to keep it) while
the application itself stays as the record of the campaign. Notes the owner writes are
still 10-1000 characters (`check_note`).

Revision ID: campaigns_0006
"""

import sqlalchemy as sa
from alembic import op

revision = "campaigns_0006"
down_revision = "campaigns_0005"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"
WRITTEN = "char_length(note) BETWEEN 10 AND 1000"


def _note_check(condition: str) -> None:
    op.drop_constraint("note_length", "applicants", schema=SCHEMA, type_="check")
    op.create_check_constraint("note_length", "applicants", condition, schema=SCHEMA)


def upgrade() -> None:
    _note_check(f"note = '' OR {WRITTEN}")


def downgrade() -> None:
    # Cleared notes belong to people who left, and there is no text to put back: refuse
    # rather than invent a note the older schema would accept.
    cleared = op.get_bind().scalar(
        sa.text(f"SELECT count(*) FROM {SCHEMA}.applicants WHERE note = ''")
    )
    if cleared:
        raise RuntimeError(f"{cleared} applications of people who left: cannot downgrade")
    _note_check(WRITTEN)
