"""The campaign's dates: their order, the clock-driven steps and the content deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from petful.campaigns.rules import Phase
from petful.campaigns.rules.phases import CampaignEvent

SCHEDULE_FIELDS = ("recruit_start", "recruit_end", "announce_at", "activity_start", "activity_end")


@dataclass(frozen=True)
class Schedule:
    recruit_start: datetime
    recruit_end: datetime
    announce_at: datetime
    activity_start: datetime
    activity_end: datetime


def schedule_violations(s: Schedule, *, now: datetime | None) -> list[tuple[str, str]]:
    """recruit start < recruit end <= announce <= activity start < activity end; every date
    in the future when now is given (at submission). Each violation names its field."""
    out: list[tuple[str, str]] = []
    if now is not None:
        for name in SCHEDULE_FIELDS:
            if getattr(s, name) <= now:
                out.append((name, "must be in the future"))
    if not s.recruit_start < s.recruit_end:
        out.append(("recruit_end", "must be after recruit_start"))
    if not s.recruit_end <= s.announce_at:
        out.append(("announce_at", "must not be before recruit_end"))
    if not s.announce_at <= s.activity_start:
        out.append(("activity_start", "must not be before announce_at"))
    if not s.activity_start < s.activity_end:
        out.append(("activity_end", "must be after activity_start"))
    return out


def time_step(phase: Phase, s: Schedule, now: datetime) -> CampaignEvent | None:
    """The clock-driven event due now in phase, if any (REVIEWING completion is decided by
    the applicants, see `applicants.completion_due`)."""
    if phase is Phase.RECRUITING and now >= s.recruit_end:
        return CampaignEvent.CLOSE_RECRUITMENT
    if phase is Phase.SELECTING and now >= s.announce_at:
        return CampaignEvent.ANNOUNCE
    if phase is Phase.ANNOUNCED and now >= s.activity_start:
        return CampaignEvent.START_ACTIVITY
    if phase is Phase.IN_PROGRESS and now >= s.activity_end:
        return CampaignEvent.END_ACTIVITY
    return None


def content_deadline(s: Schedule, grace_days: int) -> datetime:
    """Selected applicants without approved content by this moment become NO_SHOW."""
    return s.activity_end + timedelta(days=grace_days)


def recruiting_open(phase: Phase, s: Schedule, now: datetime) -> bool:
    return phase is Phase.RECRUITING and s.recruit_start <= now < s.recruit_end
