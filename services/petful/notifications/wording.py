"""Korean wording for notification templates: particles that agree with the word before
them, and instants as people in Korea read them. Pure functions, no I/O.

Templates are `str.format` strings whose fields may take a particle as their format spec:
`"{pet_name:이} 선정되었어요"` renders "보리가 선정되었어요" and "콩이가 ...", "마롱이 ..."
(받침 decides). A word the rule cannot read (Latin letters, symbols) gets both forms, the
way Korean interfaces write it: "Max이(가)".
"""

from __future__ import annotations

import string
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

# particle (either spelling) -> (after a final consonant, after a vowel)
_PAIRS: dict[str, tuple[str, str]] = {}
for _with, _without in (("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("으로", "로")):
    _PAIRS[_with] = _PAIRS[_without] = (_with, _without)

# How digits are read (일, 이, 삼, ...): their final consonant, 0 for none, 8 for ㄹ.
_DIGIT_FINALS = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
_RIEUL = 8  # ㄹ: "로" follows it as it follows a vowel
_WEEKDAYS = "월화수목금토일"


def _final(word: str) -> int | None:
    """The last syllable's final consonant index (0: none), None when it cannot be read."""
    text = word.rstrip(" )]}\"'")
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    return _DIGIT_FINALS.get(last)


def josa(word: str, particle: str) -> str:
    """word followed by particle in the form its last sound asks for."""
    with_final, without = _PAIRS[particle]
    final = _final(word)
    if final is None:
        return f"{word}{with_final}({without})"
    if with_final == "으로":
        return word + ("로" if final in (0, _RIEUL) else "으로")
    return word + (with_final if final else without)


def korean_datetime(at: datetime, *, year: bool = False) -> str:
    """ "3월 7일 (금) 오전 9:00" in Asia/Seoul (with "2025년 " first when year)."""
    local = at.astimezone(SEOUL)
    half = "오전" if local.hour < 12 else "오후"
    hour = local.hour % 12 or 12
    day = f"{local.month}월 {local.day}일 ({_WEEKDAYS[local.weekday()]})"
    prefix = f"{local.year}년 " if year else ""
    return f"{prefix}{day} {half} {hour}:{local.minute:02d}"


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in _PAIRS:
            return josa(str(value), format_spec)
        return str(super().format_field(value, format_spec))


_formatter = _Formatter()


def fill(template: str, values: dict[str, Any]) -> str:
    """template with values; a field the values lack is a KeyError (a catalogue bug the
    unit tests catch, never a half-rendered text)."""
    return _formatter.vformat(template, (), values)
