"""Prescription photos made in the tests: known contents, rendered like a phone picture.

Each Sample is a Korean vet prescription in one of the parser's three layouts (a line per
drug, a drug line with its details below, a table), drawn with a Korean font from Debian's
fonts-noto-cjk at its own size, then rotated a little and given sensor noise, specks and
JPEG compression. The drugs' names, doses, doses a day and days are known, so a test can
measure what the OCR and the parser got right.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
# The collection's Korean face (0 is Japanese; Hangul is in every face, spacing differs).
KOREAN_FACE = 1


@dataclass(frozen=True)
class Drug:
    name: str  # as printed, without strength: 아목시실린정
    strength: str  # "250mg" or ""
    dose: str  # per dose: "1정", "1/2정", "0.5ml"
    per_day: int
    days: int
    when: str  # the administration words after the frequency: "아침·저녁 식후"


@dataclass(frozen=True)
class Sample:
    key: str
    layout: str  # "list", "detail" or "table"
    drugs: tuple[Drug, ...]
    size: int  # font size in px
    angle: float  # degrees, counter-clockwise
    noise: float  # sigma of the Gaussian sensor noise
    specks: float  # share of pixels turned to dark specks
    bold: bool = False
    clinic: str = "행복동물병원"
    patient: str = "보리"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.drugs)


def frequency(drug: Drug, style: int) -> str:
    """How often, written the several ways prescriptions do."""
    return (f"1일 {drug.per_day}회", f"하루 {drug.per_day}회", f"1일{drug.per_day}회")[style % 3]


def lines(sample: Sample) -> list[str]:
    """The printed text, line by line."""
    head = [
        f"{sample.clinic} 처방전",
        f"환자명: {sample.patient}   보호자: 김보호",
        "처방일: 2025년 3월 6일",
    ]
    body: list[str] = []
    if sample.layout == "table":
        body.append("약품명   1회 투약량   1일 횟수   일수")
        for drug in sample.drugs:
            strength = f" {drug.strength}" if drug.strength else ""
            body.append(f"{drug.name}{strength}   {drug.dose}   {drug.per_day}   {drug.days}")
    else:
        for i, drug in enumerate(sample.drugs, 1):
            strength = f" {drug.strength}" if drug.strength else ""
            how = f"{frequency(drug, i)} {drug.when}".strip()
            if sample.layout == "list":
                body.append(f"{i}. {drug.name}{strength} {drug.dose} {how} {drug.days}일분")
            else:
                body.append(f"{i}. {drug.name}{strength} {drug.dose}")
                body.append(f"   용법: {how} / {drug.days}일간")
    foot = ["수의사: 이수의 (면허번호 12345)", "전화 02-123-4567"]
    return head + body + foot


def text(sample: Sample) -> str:
    return "\n".join(lines(sample))


def render(sample: Sample, *, seed: int = 0) -> bytes:
    """The sample as a JPEG photo: paper-grey, slightly rotated, noisy."""
    rnd = random.Random(f"{sample.key}-{seed}")
    font = ImageFont.truetype(str(FONT_BOLD if sample.bold else FONT), sample.size, KOREAN_FACE)
    printed = lines(sample)
    step = round(sample.size * 1.8)
    width = round(sample.size * 2 + max(font.getlength(line) for line in printed) * 1.1)
    height = step * len(printed) + sample.size * 4
    page = Image.new("L", (width, height), 244)
    draw = ImageDraw.Draw(page)
    y = sample.size * 2
    for line in printed:
        draw.text((sample.size * 2, y), line, font=font, fill=28)
        y += step
    page = page.rotate(sample.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=244)
    # Sensor noise centred on 128, added around the page's own grey.
    if sample.noise:
        page = ImageChops.add(page, noise(page.size, sample.noise, rnd), offset=-128)
    pixels = page.load()
    assert pixels is not None
    for _ in range(int(page.width * page.height * sample.specks)):
        pixels[rnd.randrange(page.width), rnd.randrange(page.height)] = rnd.choice((20, 90))
    out = io.BytesIO()
    page.convert("RGB").save(out, format="JPEG", quality=82)
    return out.getvalue()


def noise(size: tuple[int, int], sigma: float, rnd: random.Random) -> Image.Image:
    """Gaussian grain around 128, the same for the same seed (Pillow's own effect_noise
    is not seeded), drawn at half size: grain of 2x2 px, like a phone's."""
    half = (max(1, size[0] // 2), max(1, size[1] // 2))
    grain = bytes(
        min(255, max(0, round(128 + rnd.gauss(0, sigma)))) for _ in range(half[0] * half[1])
    )
    return Image.frombytes("L", half, grain).resize(size, Image.Resampling.NEAREST)


def blank_photo(width: int = 900, height: int = 600, *, seed: int = 0) -> bytes:
    """A photo with no text at all: grey grain, like a picture of the floor."""
    floor = noise((width, height), 40, random.Random(f"blank-{seed}")).convert("RGB")
    out = io.BytesIO()
    floor.save(out, format="JPEG", quality=80)
    return out.getvalue()


AMOXICILLIN = Drug("아목시실린정", "250mg", "1정", 2, 7, "아침·저녁 식후")
METRONIDAZOLE = Drug("메트로니다졸정", "", "1/2정", 2, 5, "")
FAMOTIDINE = Drug("파모티딘정", "10mg", "1정", 1, 14, "아침 식전")
PREDNISOLONE = Drug("프레드니솔론정", "5mg", "1/2정", 1, 10, "아침 식후")
CEPHALEXIN = Drug("세팔렉신캡슐", "250mg", "1캡슐", 2, 7, "식후")
SUCRALFATE = Drug("수크랄페이트시럽", "", "2ml", 3, 5, "식전")
GABAPENTIN = Drug("가바펜틴캡슐", "100mg", "1캡슐", 2, 14, "아침·저녁")
PIMOBENDAN = Drug("피모벤단정", "1.25mg", "1정", 2, 30, "식전")
FUROSEMIDE = Drug("푸로세미드정", "10mg", "1/2정", 1, 30, "아침")
MAROPITANT = Drug("세레니아정", "16mg", "1정", 1, 3, "")
MELOXICAM = Drug("멜록시캄시럽", "", "0.5ml", 1, 7, "식후")
DOXYCYCLINE = Drug("독시사이클린정", "50mg", "1정", 2, 21, "식후")
# Names in no list: the parser finds them by their form (정, 캡슐).
JOINT = Drug("조인트케어정", "", "1정", 1, 30, "아침")
PROBIOTIC = Drug("장튼튼캡슐", "", "1캡슐", 2, 10, "아침·저녁")
OMEPRAZOLE = Drug("오메프라졸캡슐", "10mg", "1캡슐", 1, 7, "아침 식전")
ENROFLOXACIN = Drug("엔로플록사신정", "50mg", "1정", 1, 10, "")

SAMPLES: tuple[Sample, ...] = (
    Sample("list-clean", "list", (AMOXICILLIN, METRONIDAZOLE, FAMOTIDINE), 26, 0.0, 8, 0.0005),
    Sample("list-tilted", "list", (PREDNISOLONE, CEPHALEXIN), 30, 1.5, 18, 0.002),
    Sample("list-large", "list", (GABAPENTIN, PIMOBENDAN, FUROSEMIDE), 36, -2.0, 20, 0.003),
    Sample("list-bold", "list", (DOXYCYCLINE, JOINT), 28, 2.5, 15, 0.002, bold=True),
    Sample("detail-small", "detail", (SUCRALFATE, MAROPITANT), 24, -1.0, 12, 0.001),
    Sample("detail-noisy", "detail", (MELOXICAM, PROBIOTIC, OMEPRAZOLE), 32, 3.0, 25, 0.004),
    Sample("table-plain", "table", (ENROFLOXACIN, FAMOTIDINE, AMOXICILLIN), 28, -1.5, 12, 0.001),
    Sample("table-tilted", "table", (CEPHALEXIN, JOINT, PREDNISOLONE), 34, 2.0, 20, 0.003),
    Sample(
        "list-crowded",
        "list",
        (FAMOTIDINE, MELOXICAM, DOXYCYCLINE, PROBIOTIC, GABAPENTIN),
        30,
        -2.5,
        15,
        0.002,
    ),
)
