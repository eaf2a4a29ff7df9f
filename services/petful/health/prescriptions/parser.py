"""Prescription text -> medications: drug name, dosage, administration and days.

Pure (no I/O). The input is what OCR read, so the parser expects slips: a stray mark at the
start of a line, 회 read as 획, a drug name one character off. It reads three layouts that
Korean vet prescriptions and pharmacy envelopes use:

    1. 아목시실린정 250mg 1정 1일 2회 아침·저녁 식후 7일분        (one line per drug)
    메트로니다졸정 1/2정                                            (a drug line, then
      용법: 하루 2회 (아침, 저녁) / 5일간                            its details below)
    약품명 1회량 1일횟수 일수  /  파모티딘정 10mg 1정 1 14           (a table)

Every field keeps the index of the line it came from, so the owner can check a value
against the text when reviewing the draft. At most MAX_MEDICATIONS are returned; more
found is flagged (`truncated`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from petful.health.prescriptions.lexicon import DRUG_NAMES, FORM_SUFFIXES

MAX_MEDICATIONS = 10
MAX_LINES = 200
MAX_LINE_LEN = 200
# How far below its drug line a detail (용법, 일수) may still belong to it.
DETAIL_LINES = 3
# How close an OCR'd name must be to a listed one to be written as the list spells it.
NAME_MATCH = 0.75
MAX_DOSES_PER_DAY = 6
MAX_DAYS = 365


@dataclass(frozen=True)
class ParsedMedication:
    drug_name: str
    dosage: str  # "" when not found
    administration: str  # as written ("1일 2회 아침·저녁 식후"); "" when not found
    doses_per_day: int | None
    days: int | None
    # The index (into ParseResult.lines) of the line each field came from.
    drug_name_line: int
    dosage_line: int | None
    administration_line: int | None
    days_line: int | None


@dataclass(frozen=True)
class ParseResult:
    lines: tuple[str, ...]
    medications: tuple[ParsedMedication, ...]
    truncated: bool  # more than MAX_MEDICATIONS were found; the first ones are kept

    @property
    def letters(self) -> int:
        """How many letters (Hangul or Latin) the text has: about none means unreadable."""
        return sum(1 for line in self.lines for c in line if c.isalpha())


# --- normalising OCR text ------------------------------------------------------------------

# Marks OCR leaves at the edges of a line from specks, table rules and the paper's border.
_EDGE_JUNK = " \t:;,.'\"`|_~-—–…·ㆍ。、「」『』“”‘’!?*#@<>{}[]\\/=+^"
_SPACES = re.compile(r"\s+")
# OCR's usual readings of "mg" after a number: me, m9, rng.
_MG_SLIPS = re.compile(r"(?<=\d)\s?(?:rng|m9|me|mq)(?![A-Za-z])")
# Forms Tesseract misreads by a stroke: 캡슐 as 캡술, 캡슬 or 캡숄; 시럽 as 시렵.
_FORM_SLIPS = ((re.compile(r"[캡갭][술슬숄셜쓸실]"), "캡슐"), (re.compile(r"시[렵립렴]"), "시럽"))


def _clean(line: str) -> str:
    # NFKC turns the middle dot of 아침ㆍ저녁 into a jamo (U+119E): one dot for all of them.
    text = unicodedata.normalize("NFKC", line).replace("\u119e", "·").replace("ㆍ", "·")
    text = _SPACES.sub(" ", text).strip()
    for slip, form in _FORM_SLIPS:
        text = slip.sub(form, text)
    text = _MG_SLIPS.sub("mg", text)
    # Keep a leading list number ("1." / "2)") while dropping junk around it.
    text = text.strip(_EDGE_JUNK)
    return text[:MAX_LINE_LEN]


def clean_lines(text: str) -> tuple[str, ...]:
    """The text's non-empty lines, normalised (NFKC, spaces collapsed, edge junk dropped)."""
    lines = (_clean(raw) for raw in text.splitlines())
    return tuple(line for line in lines if any(c.isalnum() for c in line))[:MAX_LINES]


# --- what a line is ------------------------------------------------------------------------

# Lines about the clinic, the patient or the paper itself, never a drug.
_NOISE_WORDS = (
    "병원",
    "의원",
    "클리닉",
    "처방전",
    "처방일",
    "발행",
    "환자",
    "보호자",
    "동물명",
    "품종",
    "수의사",
    "면허",
    "전화",
    "팩스",
    "주소",
    "사업자",
    "진료",
    "합계",
    "금액",
    "수납",
    "주의",
    "보관",
    "서명",
    "tel",
    "fax",
)
# A table's header: its columns name the fields, so bare numbers below are read by them.
_HEADER_WORDS = ("약품명", "약명", "의약품", "품명", "투약량", "투여량", "1회량", "횟수", "일수")
_LIST_NUMBER = re.compile(r"^(?:\(?\d{1,2}\s*[.)]|[①-⑩])\s*")

_HANGUL = "가-힣"
_WORD = re.compile(rf"[{_HANGUL}A-Za-z][{_HANGUL}A-Za-z0-9]*")
_MASS_UNIT = r"(?:mg|mcg|μg|µg|g|iu|IU)"
# A strength right after the name (250mg, 0.5 mg): part of the drug's name, not the dose
# (a volume, 0.5ml, is how much to give: the dose).
_STRENGTH = re.compile(rf"\s*(\d+(?:[.,]\d+)?\s*{_MASS_UNIT})(?![A-Za-z])")


def _is_header(line: str) -> bool:
    compact = line.replace(" ", "")
    return sum(word in compact for word in _HEADER_WORDS) >= 2


def _is_noise(line: str) -> bool:
    lowered = line.replace(" ", "").lower()
    return any(word in lowered for word in _NOISE_WORDS)


def _hangul_stem(word: str) -> tuple[str, str]:
    """word split into (name, form suffix); the suffix is "" when there is none."""
    for suffix in FORM_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], suffix
    return word, ""


def _listed(text: str) -> tuple[str, float] | None:
    """The listed drug name `text` is close to, with how close (0-1), or None."""
    if len(text) < 2:
        return None
    best = difflib.get_close_matches(text, DRUG_NAMES, n=1, cutoff=NAME_MATCH)
    if not best:
        return None
    return best[0], difflib.SequenceMatcher(None, text, best[0]).ratio()


def _corrected(word: str) -> str | None:
    """word as the list spells it (its form suffix kept), or None when it is not listed.

    Both the whole word and its stem are tried: 클라불란산 is a name that ends in 산, and
    아목시실린정 a name with the form 정."""
    stem, suffix = _hangul_stem(word)
    whole = _listed(word)
    bare = _listed(stem) if suffix else None
    if bare is not None and (whole is None or bare[1] > whole[1]):
        return bare[0] + suffix
    return whole[0] if whole is not None else None


@dataclass(frozen=True)
class _Name:
    text: str  # the drug's name as it will be shown (corrected, with strength)
    end: int  # where the rest of the line (dose, administration, days) starts
    listed: bool  # the name is in the list (so the line is a drug line whatever else it says)


# A form written apart from the name: 세레니아 시럽.
_SEPARATE_FORM = re.compile(
    r"\s+(" + "|".join(sorted(FORM_SUFFIXES, key=len, reverse=True)) + r")(?![가-힣])"
)
# A drug line starts with its drug: after this many other words, the line names none.
_LEADING_WORDS = 2


def _drug_name(line: str) -> _Name | None:
    """The drug this line names, or None. Found by the list (closely), by a form suffix
    (정, 캡슐 ...) on a name of two or more characters, or by a strength that follows."""
    body_start = 0
    number = _LIST_NUMBER.match(line)
    if number:
        body_start = number.end()
    others = 0
    for match in _WORD.finditer(line, body_start):
        word = match.group(0)
        if len(word) < 2:
            continue  # a speck read as a letter, or the 회 of 2회
        stem, suffix = _hangul_stem(word)
        listed = _corrected(word)
        strength = _STRENGTH.match(line, match.end())
        formed = bool(suffix) and len(stem) >= 2
        strong = strength is not None and len(word) >= (3 if word.isascii() else 2)
        if listed is not None:
            name = listed
        elif formed or strong:
            name = word
        else:
            others += 1
            if others >= _LEADING_WORDS:
                return None
            continue
        end = match.end()
        form = _SEPARATE_FORM.match(line, end)
        if form is not None and not suffix:
            name, end = f"{name} {form.group(1)}", form.end()
            strength = _STRENGTH.match(line, end)
        if strength is not None:
            name = f"{name} {strength.group(1).replace(' ', '')}"
            end = strength.end()
        return _Name(name, end, listed is not None)
    return None


# --- the fields of one drug ----------------------------------------------------------------

_QUANTITY = r"(?:\d+(?:[.,]\d+)?|\d+\s*/\s*\d+|½|¼|반)"
_COUNT_UNIT = r"(?:정|알|캡슐|캅셀|포|ml|mL|cc|방울|스푼|적|개|매|tabs?|caps?|mg|g)"
# Not 1개월 (a month), 1일 or 2회: the unit must not run on into a word of time.
_DOSAGE = re.compile(rf"(?<![\d/.])({_QUANTITY})\s*({_COUNT_UNIT})(?!월|일|회|분|시)")
# 회 as OCR reads it now and then: 획, 화, 희, 외.
_TIMES = r"(?:회|획|화|희|외|번|차례)"
_NUMERALS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}
_PER_DAY = re.compile(
    rf"(?:하루|1\s*일|일일|매일|일)\s*(?:에)?\s*(\d|한|두|세|네|다섯|여섯)\s*{_TIMES}"
)
_PER_DAY_SLASH = re.compile(rf"(\d)\s*{_TIMES}\s*/\s*(?:일|day)", re.IGNORECASE)
_BARE_TIMES = re.compile(rf"(?<!\d)(\d)\s*{_TIMES}")
_EVERY_HOURS = re.compile(r"(\d{1,2})\s*시간\s*(?:마다|간격|간\s*격)")
_LATIN = re.compile(r"\b(SID|QD|BID|TID|QID|q\s*(?:24|12|8|6)\s*h)\b", re.IGNORECASE)
_LATIN_COUNTS = {"SID": 1, "QD": 1, "BID": 2, "TID": 3, "QID": 4}
_DAY_PARTS = (
    ("아침", "아침"),
    ("점심", "점심"),
    ("저녁", "저녁"),
    ("자기전", "취침"),
    ("취침", "취침"),
)
_DAYS = re.compile(
    r"(?:총\s*|x\s*|×\s*)?(?<![\d월])(\d{1,3})\s*(일|주)\s*(?:분|간|치|동안)?(?!\s*\d)"
)
_DAY_COLUMN = re.compile(r"(?<![\d./])\d{1,3}(?![\d./]|\s*[가-힣A-Za-z])")
# Words that say when and how, kept in the administration text.
_ADMIN_WORDS = re.compile(
    r"(하루|1\s*일\s*\d|일일|매일|아침|점심|저녁|취침|자기\s*전|식전|식후|식간|공복|"
    r"(?<!\d)\d\s*[회획화희]|시간\s*마다|SID|BID|TID|QID|q\s*\d+\s*h|경구|복용|투여|바르|점안|점이)",
    re.IGNORECASE,
)


def doses_per_day(text: str) -> int | None:
    """How many doses a day `text` (an administration) asks for, or None."""
    compact = text.replace("·", " ").replace("ㆍ", " ")
    found = _PER_DAY.search(compact) or _PER_DAY_SLASH.search(compact)
    if found:
        raw = found.group(1)
        count = int(raw) if raw.isdigit() else _NUMERALS[raw]
        return count if 1 <= count <= MAX_DOSES_PER_DAY else None
    latin = _LATIN.search(compact)
    if latin:
        key = latin.group(1).upper().replace(" ", "")
        if key in _LATIN_COUNTS:
            return _LATIN_COUNTS[key]
        hours = int(re.sub(r"\D", "", key))
        return 24 // hours
    bare = _BARE_TIMES.search(compact)
    if bare and 1 <= int(bare.group(1)) <= MAX_DOSES_PER_DAY:
        # "2회" alone: on a prescription, times a day (the day was misread or left out).
        return int(bare.group(1))
    every = _EVERY_HOURS.search(compact)
    if every and 4 <= int(every.group(1)) <= 24 and 24 % int(every.group(1)) == 0:
        return 24 // int(every.group(1))
    parts = {label for word, label in _DAY_PARTS if word in compact.replace(" ", "")}
    return len(parts) or None


def day_parts(text: str) -> tuple[str, ...]:
    """The parts of the day an administration names, in order: 아침, 점심, 저녁, 취침."""
    compact = text.replace(" ", "")
    found = {label for word, label in _DAY_PARTS if word in compact}
    return tuple(p for p in ("아침", "점심", "저녁", "취침") if p in found)


def _days(segment: str) -> tuple[int | None, tuple[int, int] | None]:
    """The course length in days and its span; the last match wins (a 1일 before 2회 is a
    frequency, a 3월 6일 a date: both are skipped)."""
    best: tuple[int | None, tuple[int, int] | None] = (None, None)
    for match in _DAYS.finditer(segment):
        if segment[: match.start(1)].rstrip().endswith("월"):
            continue  # 3월 6일: a date
        after = segment[match.end() :].lstrip()
        if re.match(rf"(?:에\s*)?(?:\d|한|두|세|네)\s*{_TIMES}", after):
            continue  # 1일 2회: how often, not how long
        number = int(match.group(1)) * (7 if match.group(2) == "주" else 1)
        if 1 <= number <= MAX_DAYS:
            best = (number, match.span())
    return best


@dataclass
class _Draft:
    name: str
    name_line: int
    dosage: str = ""
    dosage_line: int | None = None
    administration: str = ""
    administration_line: int | None = None
    doses: int | None = None
    days: int | None = None
    days_line: int | None = None

    def done(self) -> ParsedMedication:
        return ParsedMedication(
            drug_name=self.name,
            dosage=self.dosage,
            administration=self.administration,
            doses_per_day=self.doses,
            days=self.days,
            drug_name_line=self.name_line,
            dosage_line=self.dosage_line,
            administration_line=self.administration_line,
            days_line=self.days_line,
        )


def _strip_label(segment: str) -> str:
    """`용법: 1일 2회` -> `1일 2회` (a detail line's label says nothing the value does not)."""
    return re.sub(r"^\s*[가-힣]{1,6}\s*[:：]\s*", "", segment)


def _fill(draft: _Draft, segment: str, index: int, *, table: bool) -> None:
    """Take what `segment` (the rest of line `index`) says about the drug."""
    segment = _strip_label(segment)
    rest = segment
    if not draft.dosage:
        dose = _DOSAGE.search(rest)
        if dose:
            draft.dosage = f"{dose.group(1).replace(' ', '')}{dose.group(2)}"
            draft.dosage_line = index
            rest = rest[: dose.start()] + " " + rest[dose.end() :]
    if draft.days is None:
        days, span = _days(rest)
        if days is not None and span is not None:
            draft.days, draft.days_line = days, index
            rest = rest[: span[0]] + " " + rest[span[1] :]
    if not draft.administration:
        how = _ADMIN_WORDS.search(rest)
        if how:
            text = _SPACES.sub(" ", rest[how.start() :].strip(_EDGE_JUNK + "()"))
            if text.count("(") > text.count(")"):
                text += ")"
            draft.administration = text[:MAX_LINE_LEN]
            draft.administration_line = index
            draft.doses = doses_per_day(draft.administration)
    if table and (draft.doses is None or draft.days is None):
        # Bare numbers in a table row: times a day, then days (the header named them).
        numbers = [int(n) for n in _DAY_COLUMN.findall(rest)]
        if draft.doses is None and numbers and 1 <= numbers[0] <= MAX_DOSES_PER_DAY:
            draft.doses = numbers.pop(0)
            draft.administration = draft.administration or f"1일 {draft.doses}회"
            draft.administration_line = index
        if draft.days is None and numbers and 1 <= numbers[0] <= MAX_DAYS:
            draft.days, draft.days_line = numbers[0], index


def parse(text: str) -> ParseResult:
    """Read up to MAX_MEDICATIONS medications from OCR text."""
    lines = clean_lines(text)
    drafts: list[_Draft] = []
    table = False
    current: _Draft | None = None
    since = 0
    for index, line in enumerate(lines):
        if _is_header(line):
            table, current = True, None
            continue
        name = _drug_name(line)
        # A clinic's name or a patient line is no drug line, unless it names a listed drug.
        if _is_noise(line) and (name is None or not name.listed):
            current = None
            continue
        if name is not None:
            current = _Draft(name.text, index)
            drafts.append(current)
            since = 0
            _fill(current, line[name.end :], index, table=table)
            continue
        since += 1
        if current is not None and since <= DETAIL_LINES:
            _fill(current, line, index, table=False)
    medications = tuple(d.done() for d in drafts[:MAX_MEDICATIONS])
    return ParseResult(lines, medications, truncated=len(drafts) > MAX_MEDICATIONS)
