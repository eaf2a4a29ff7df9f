"""Demo prescription: one draft for 보리 (owner@petful.dev) waiting for review.

The photo is drawn here (Pillow, a Korean font from fonts-noto-cjk or fonts-nanum when
installed) and the draft holds what the parser reads from the same text, as if the worker
had read it: seeding needs no Tesseract and always gives the same draft. Idempotent: a pet
that has a prescription already is left alone.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.base import SCHEMA, utc_now
from petful.health.prescriptions import repository, rules
from petful.health.prescriptions.models import Prescription
from petful.health.prescriptions.parser import parse
from petful.platform import media

OWNER, PET = "owner@petful.dev", "보리"
TEXT = """행복동물병원 처방전
환자명: 보리 (말티즈)   보호자: 김보호
처방일: 2025년 3월 6일
1. 세팔렉신캡슐 250mg 1캡슐 1일 2회 아침·저녁 식후 7일분
2. 파모티딘정 10mg 1/2정 1일 1회 아침 식전 7일분
3. 유산균 1포 하루 1회 저녁 14일분
수의사: 이수의 (면허번호 12345)"""
FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
)


def photo(text: str = TEXT) -> bytes:
    """The prescription as a JPEG on off-white paper."""
    size = 28
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    installed = next((f for f in FONTS if f.exists()), None)
    font = ImageFont.truetype(str(installed), size) if installed else ImageFont.load_default()
    lines = text.splitlines()
    page = Image.new("RGB", (size * 34, size * (2 * len(lines) + 4)), (250, 248, 242))
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((size * 2, size * (2 + 2 * i)), line, font=font, fill=(30, 30, 30))
    out = io.BytesIO()
    page.save(out, format="JPEG", quality=88)
    return out.getvalue()


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    owner_id = demo.get("account_ids", {}).get(OWNER)
    pet_id = demo.get("pet_ids", {}).get(PET)
    if not owner_id or not pet_id:
        return "no demo pet for a prescription"
    owner, pet = uuid.UUID(owner_id), uuid.UUID(pet_id)
    if await repository.list_for_owner(
        session, owner_id=owner, pet_ids=[pet], status=None, after=None, limit=1
    ):
        return "a prescription already there"
    now = utc_now()
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=owner,
        purpose=rules.PURPOSE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PRIVATE,
        data=photo(),
        filename="demo-prescription.jpg",
        now=now,
    )
    result = parse(TEXT)
    await repository.add(
        session,
        Prescription(
            id=uuid.uuid4(),
            owner_id=owner,
            pet_id=pet,
            media_id=record.id,
            # Already read: the worker's subscriber leaves anything but READING alone.
            status=rules.Status.DRAFT.value,
            notice=None,
            lines=list(result.lines),
            medications=[m.to_json() for m in rules.medications_of(result)],
            created_at=now,
            updated_at=now,
            read_at=now,
            schedule_ids=[],
        ),
    )
    return f"a prescription draft for {PET}"
