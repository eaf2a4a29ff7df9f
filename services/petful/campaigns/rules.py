"""Pure campaign rules: the campaign phase and applicant status state machines, the
schedule (date) rules, field checks, the Instagram permalink, and the result report's CSV.
No I/O.

Each field check returns the normalised value or raises `RuleError(reason)`; the service
layer attaches the request field name.

Decisions (documented once, here):
- Edits: DRAFT and REJECTED campaigns are freely editable. A RECRUITING campaign may change
  only its non-material fields (`NON_MATERIAL_FIELDS`: product description, images,
  requirements wording, product URL, objective); everything an applicant agreed to (title,
  product, missions, keywords, hashtags, type, species, headcount, reward, dates, post
  retention) is material and frozen. Other phases cannot be edited.
- Selection happens only in SELECTING (after recruitment closed, as in the original) up to
  the headcount; the advertiser may unselect again until announcement. Confirming the
  selection announces early; otherwise the announcement date announces automatically.
- APPROVED -> COMPLETED happens when the activity period ends (the post had to stay live
  through the activity period); content approved after the activity end (REVIEWING)
  completes at once.
- NO_SHOW: a selected applicant without APPROVED content at activity end + grace days.
- Applicants edit their note and cancel while the campaign is RECRUITING (until SELECTING).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from petful.platform.validation import (
    PAGE_SIZE_DEFAULT as PAGE_SIZE_DEFAULT,
)
from petful.platform.validation import (
    PAGE_SIZE_MAX as PAGE_SIZE_MAX,
)
from petful.platform.validation import (
    RuleError as RuleError,
)
from petful.platform.validation import (
    check_line as check_line,
)
from petful.platform.validation import (
    check_page_size as check_page_size,
)
from petful.platform.validation import (
    check_reason as check_reason,
)
from petful.platform.validation import (
    check_text as check_text,
)
from petful.platform.validation import (
    decode_cursor as decode_cursor,
)
from petful.platform.validation import (
    encode_cursor as encode_cursor,
)
from petful.platform.validation import (
    has_control as _has_control,
)


class TransitionError(RuleError):
    """The campaign or applicant is in a state where the action is not allowed (409)."""


ADVERTISER_ROLE = "ADVERTISER"
ADMIN_ROLE = "ADMIN"
USER_ROLE = "USER"

# --- campaign phases -------------------------------------------------------------------------


class Phase(StrEnum):
    DRAFT = "DRAFT"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    RECRUITING = "RECRUITING"
    SELECTING = "SELECTING"
    ANNOUNCED = "ANNOUNCED"
    IN_PROGRESS = "IN_PROGRESS"
    REVIEWING = "REVIEWING"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class CampaignEvent(StrEnum):
    SUBMIT = "SUBMIT"  # advertiser
    APPROVE = "APPROVE"  # admin
    REJECT = "REJECT"  # admin, with a reason
    CLOSE_RECRUITMENT = "CLOSE_RECRUITMENT"  # clock: recruitment end
    ANNOUNCE = "ANNOUNCE"  # advertiser confirms selection, or clock: announcement date
    START_ACTIVITY = "START_ACTIVITY"  # clock: activity start
    END_ACTIVITY = "END_ACTIVITY"  # clock: activity end
    COMPLETE = "COMPLETE"  # every selected applicant COMPLETED or NO_SHOW
    CANCEL_BY_ADVERTISER = "CANCEL_BY_ADVERTISER"  # before announcement, with a reason
    CANCEL_BY_ADMIN = "CANCEL_BY_ADMIN"  # any time before the end, with a reason


TERMINAL_PHASES = frozenset({Phase.COMPLETED, Phase.CANCELLED})
# Phases an advertiser may still cancel in (before the announcement).
ADVERTISER_CANCELLABLE = frozenset(
    {Phase.DRAFT, Phase.PENDING_REVIEW, Phase.REJECTED, Phase.RECRUITING, Phase.SELECTING}
)
# Phases that were never public (drafts): only the advertiser and admins see them.
PRIVATE_PHASES = frozenset({Phase.DRAFT, Phase.PENDING_REVIEW, Phase.REJECTED})

CAMPAIGN_TRANSITIONS: dict[tuple[Phase, CampaignEvent], Phase] = {
    (Phase.DRAFT, CampaignEvent.SUBMIT): Phase.PENDING_REVIEW,
    (Phase.REJECTED, CampaignEvent.SUBMIT): Phase.PENDING_REVIEW,
    (Phase.PENDING_REVIEW, CampaignEvent.APPROVE): Phase.RECRUITING,
    (Phase.PENDING_REVIEW, CampaignEvent.REJECT): Phase.REJECTED,
    (Phase.RECRUITING, CampaignEvent.CLOSE_RECRUITMENT): Phase.SELECTING,
    (Phase.SELECTING, CampaignEvent.ANNOUNCE): Phase.ANNOUNCED,
    (Phase.ANNOUNCED, CampaignEvent.START_ACTIVITY): Phase.IN_PROGRESS,
    (Phase.IN_PROGRESS, CampaignEvent.END_ACTIVITY): Phase.REVIEWING,
    (Phase.REVIEWING, CampaignEvent.COMPLETE): Phase.COMPLETED,
    **{(p, CampaignEvent.CANCEL_BY_ADVERTISER): Phase.CANCELLED for p in ADVERTISER_CANCELLABLE},
    **{
        (p, CampaignEvent.CANCEL_BY_ADMIN): Phase.CANCELLED
        for p in Phase
        if p not in TERMINAL_PHASES
    },
}


def next_phase(current: Phase, event: CampaignEvent) -> Phase:
    """The phase after event, or TransitionError when current does not allow it."""
    target = CAMPAIGN_TRANSITIONS.get((current, event))
    if target is None:
        action = event.value.lower().replace("_", " ")
        raise TransitionError(f"cannot {action} a campaign that is {current.value}")
    return target


def campaign_topic(phase: Phase) -> str:
    return f"campaigns.campaign.{phase.value.lower()}"


# --- applicant status ------------------------------------------------------------------------


class ApplicantStatus(StrEnum):
    APPLIED = "APPLIED"
    SELECTED = "SELECTED"
    NOT_SELECTED = "NOT_SELECTED"
    SHIPPED = "SHIPPED"
    CONTENT_SUBMITTED = "CONTENT_SUBMITTED"
    REVISION_REQUESTED = "REVISION_REQUESTED"
    APPROVED = "APPROVED"
    COMPLETED = "COMPLETED"
    NO_SHOW = "NO_SHOW"
    CANCELLED = "CANCELLED"


class ApplicantEvent(StrEnum):
    SELECT = "SELECT"  # advertiser, during SELECTING
    UNSELECT = "UNSELECT"  # advertiser, during SELECTING
    ANNOUNCE = "ANNOUNCE"  # clock/confirmation: APPLIED -> NOT_SELECTED
    SHIP = "SHIP"  # advertiser (delivery campaigns only)
    SUBMIT_CONTENT = "SUBMIT_CONTENT"  # owner
    REQUEST_REVISION = "REQUEST_REVISION"  # advertiser, with a reason
    APPROVE_CONTENT = "APPROVE_CONTENT"  # advertiser
    COMPLETE = "COMPLETE"  # clock: activity end (or approval after it)
    MARK_NO_SHOW = "MARK_NO_SHOW"  # clock: activity end + grace days
    CANCEL = "CANCEL"  # owner while RECRUITING
    CAMPAIGN_CANCELLED = "CAMPAIGN_CANCELLED"  # the campaign was cancelled


class CampaignType(StrEnum):
    DELIVERY = "DELIVERY"  # the product is shipped to the PetStar
    VISIT = "VISIT"  # the PetStar visits a place (no shipping step)


# Statuses that still have campaign work (the pets service refuses deletion meanwhile).
ACTIVE_STATUSES = frozenset(
    {
        ApplicantStatus.APPLIED,
        ApplicantStatus.SELECTED,
        ApplicantStatus.SHIPPED,
        ApplicantStatus.CONTENT_SUBMITTED,
        ApplicantStatus.REVISION_REQUESTED,
        ApplicantStatus.APPROVED,
    }
)
TERMINAL_STATUSES = frozenset(
    {
        ApplicantStatus.NOT_SELECTED,
        ApplicantStatus.COMPLETED,
        ApplicantStatus.NO_SHOW,
        ApplicantStatus.CANCELLED,
    }
)
# Selected applicants that still owe approved content. At the deadline a submitted but
# unreviewed post is accepted (the advertiser let the review lapse); the others are NO_SHOW.
OWES_CONTENT = frozenset(
    {
        ApplicantStatus.SELECTED,
        ApplicantStatus.SHIPPED,
        ApplicantStatus.CONTENT_SUBMITTED,
        ApplicantStatus.REVISION_REQUESTED,
    }
)
# Applicants counted as "selected" (against the headcount and in the report).
SELECTED_STATUSES = OWES_CONTENT | {
    ApplicantStatus.APPROVED,
    ApplicantStatus.COMPLETED,
    ApplicantStatus.NO_SHOW,
}
DONE_STATUSES = frozenset({ApplicantStatus.COMPLETED, ApplicantStatus.NO_SHOW})

_A, _E = ApplicantStatus, ApplicantEvent
APPLICANT_TRANSITIONS: dict[tuple[ApplicantStatus, ApplicantEvent], ApplicantStatus] = {
    (_A.APPLIED, _E.SELECT): _A.SELECTED,
    (_A.SELECTED, _E.UNSELECT): _A.APPLIED,
    (_A.APPLIED, _E.ANNOUNCE): _A.NOT_SELECTED,
    (_A.SELECTED, _E.SHIP): _A.SHIPPED,
    (_A.SHIPPED, _E.SHIP): _A.SHIPPED,  # correcting carrier / tracking number
    (_A.SELECTED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,  # visit campaigns only
    (_A.SHIPPED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,
    (_A.REVISION_REQUESTED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,
    (_A.CONTENT_SUBMITTED, _E.REQUEST_REVISION): _A.REVISION_REQUESTED,
    (_A.CONTENT_SUBMITTED, _E.APPROVE_CONTENT): _A.APPROVED,
    (_A.APPROVED, _E.COMPLETE): _A.COMPLETED,
    (_A.APPLIED, _E.CANCEL): _A.CANCELLED,
    **{(s, _E.MARK_NO_SHOW): _A.NO_SHOW for s in OWES_CONTENT},
    **{(s, _E.CAMPAIGN_CANCELLED): _A.CANCELLED for s in ACTIVE_STATUSES},
}


def next_status(
    current: ApplicantStatus, event: ApplicantEvent, *, campaign_type: CampaignType
) -> ApplicantStatus:
    """The applicant status after event, or TransitionError.

    Delivery campaigns ship before content (SELECTED cannot submit content); visit
    campaigns have no shipping step (SHIP is refused).
    """
    target = APPLICANT_TRANSITIONS.get((current, event))
    if campaign_type is CampaignType.VISIT and event is ApplicantEvent.SHIP:
        raise TransitionError("visit campaigns have no shipping step")
    if (
        campaign_type is CampaignType.DELIVERY
        and event is ApplicantEvent.SUBMIT_CONTENT
        and current is ApplicantStatus.SELECTED
    ):
        raise TransitionError("the product has not been shipped yet")
    if target is None:
        action = event.value.lower().replace("_", " ")
        raise TransitionError(f"cannot {action} an application that is {current.value}")
    return target


def applicant_topic(status: ApplicantStatus) -> str:
    return f"campaigns.applicant.{status.value.lower()}"


def completion_due(statuses: Iterable[ApplicantStatus]) -> bool:
    """REVIEWING -> COMPLETED once every selected applicant is COMPLETED or NO_SHOW."""
    return all(s in DONE_STATUSES for s in statuses if s in SELECTED_STATUSES)


# --- schedule --------------------------------------------------------------------------------

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
    the applicants, see completion_due)."""
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


# --- fields ------------------------------------------------------------------------------------

TITLE_MAX = 100
PRODUCT_NAME_MAX = 100
TEXT_MAX = 5000
ITEM_MAX = 200
LIST_MAX = 20
KEYWORD_MAX = 30
HASHTAG_MAX = 50
URL_MAX = 500
MEDIA_ID_MAX = 200
IMAGES_MAX = 10
HEADCOUNT_MIN, HEADCOUNT_MAX = 1, 500
REWARD_VALUE_MAX = 100_000_000
RETENTION_DEFAULT, RETENTION_MAX = 180, 3650
NOTE_MIN, NOTE_MAX = 10, 1000
CARRIER_MAX, TRACKING_MAX = 50, 50
SEARCH_MAX = 100


def check_items(
    raw: Sequence[str], *, max_items: int = LIST_MAX, max_len: int = ITEM_MAX
) -> list[str]:
    """A list of one-line items: blanks dropped, duplicates removed (order kept)."""
    out: list[str] = []
    for item in raw:
        text = " ".join(item.split())
        if not text:
            continue
        if len(text) > max_len:
            raise RuleError(f"items must be at most {max_len} characters")
        if _has_control(text):
            raise RuleError("must not contain control characters")
        if text not in out:
            out.append(text)
    if len(out) > max_items:
        raise RuleError(f"must have at most {max_items} items")
    return out


def check_media_ids(raw: Sequence[str]) -> list[str]:
    """Ids of uploaded images (the service checks they are this advertiser's)."""
    out = check_items(raw, max_items=IMAGES_MAX, max_len=MEDIA_ID_MAX)
    try:
        return [str(uuid.UUID(m)) for m in out]
    except ValueError:
        raise RuleError("must be ids of uploaded images") from None


# The Korean FTC endorsement guideline (추천·보증 등에 관한 표시·광고 심사지침): a sponsored
# post must carry a clear disclosure. One of these is always among the required hashtags.
DISCLOSURE_TAGS = ("#광고", "#협찬")
_HASHTAG_RE = re.compile(r"^#[\w가-힣]+$")


def normalize_hashtag(raw: str) -> str:
    tag = raw.strip()
    if not tag.startswith("#"):
        tag = "#" + tag
    if len(tag) > HASHTAG_MAX:
        raise RuleError(f"hashtags must be at most {HASHTAG_MAX} characters")
    if not _HASHTAG_RE.match(tag):
        raise RuleError(f"{raw.strip()!r} is not a hashtag (letters, digits and _ only)")
    return tag


def check_hashtags(raw: Sequence[str], *, previous: Sequence[str] | None = None) -> list[str]:
    """Normalised `#tags` (case-insensitive duplicates dropped).

    A new list without a disclosure tag gets `#광고` first. An edit (previous given) must
    not remove the last disclosure tag: that is refused rather than silently re-added.
    """
    out: list[str] = []
    seen: set[str] = set()
    for item in raw:
        if not item.strip():
            continue
        tag = normalize_hashtag(item)
        if tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    if not any(t in DISCLOSURE_TAGS for t in out):
        if previous is not None and any(t in DISCLOSURE_TAGS for t in previous):
            raise RuleError("must keep #광고 or #협찬 (advertising disclosure is required)")
        out.insert(0, DISCLOSURE_TAGS[0])
    if len(out) > LIST_MAX:
        raise RuleError(f"must have at most {LIST_MAX} items")
    return out


def check_http_url(raw: str, *, required: bool = True) -> str:
    text = raw.strip()
    if not text:
        if required:
            raise RuleError("is required")
        return ""
    if len(text) > URL_MAX:
        raise RuleError(f"must be at most {URL_MAX} characters")
    if _has_control(text) or any(c.isspace() for c in text):
        raise RuleError("must be an http or https URL")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  # raises ValueError for a bad port
    except ValueError:
        raise RuleError("must be an http or https URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host:
        raise RuleError("must be an http or https URL")
    return text


def check_headcount(value: int) -> int:
    if not HEADCOUNT_MIN <= value <= HEADCOUNT_MAX:
        raise RuleError(f"must be {HEADCOUNT_MIN} to {HEADCOUNT_MAX}")
    return value


def check_reward_value(value: int) -> int:
    if not 0 <= value <= REWARD_VALUE_MAX:
        raise RuleError(f"must be 0 to {REWARD_VALUE_MAX} KRW")
    return value


def check_retention_days(value: int) -> int:
    """0 (not given) means the default of 180 days."""
    if value == 0:
        return RETENTION_DEFAULT
    if not 1 <= value <= RETENTION_MAX:
        raise RuleError(f"must be 1 to {RETENTION_MAX} days")
    return value


class Species(StrEnum):
    DOG = "DOG"
    CAT = "CAT"
    RABBIT = "RABBIT"
    BIRD = "BIRD"
    REPTILE = "REPTILE"
    FISH = "FISH"
    OTHER = "OTHER"


def check_species(raw: Iterable[str]) -> list[str]:
    """At least one species, in enum order, no duplicates."""
    wanted = set()
    for item in raw:
        name = item.strip().upper()
        if name not in Species.__members__:
            raise RuleError("must be dog, cat, rabbit, bird, reptile, fish or other")
        wanted.add(name)
    if not wanted:
        raise RuleError("must name at least one species")
    return [s.value for s in Species if s.value in wanted]


def check_note(raw: str) -> str:
    text = raw.strip()
    if not NOTE_MIN <= len(text) <= NOTE_MAX:
        raise RuleError(f"must be {NOTE_MIN} to {NOTE_MAX} characters")
    if _has_control(text, "\n\t"):
        raise RuleError("must not contain control characters")
    return text


def check_search(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > SEARCH_MAX:
        raise RuleError(f"must be at most {SEARCH_MAX} characters")
    if _has_control(text):
        raise RuleError("must not contain control characters")
    return text


# --- edits -----------------------------------------------------------------------------------

# Fields a RECRUITING campaign may still change: wording and presentation only.
NON_MATERIAL_FIELDS = frozenset(
    {"product_description", "image_media_ids", "requirements", "product_url", "objective"}
)
EDITABLE_PHASES = frozenset({Phase.DRAFT, Phase.REJECTED})


def check_edit(phase: Phase, changed: Iterable[str]) -> None:
    """TransitionError unless the phase allows changing these fields."""
    if phase in EDITABLE_PHASES:
        return
    changed = set(changed)
    if phase is Phase.RECRUITING:
        material = sorted(changed - NON_MATERIAL_FIELDS)
        if material:
            raise TransitionError(
                "a recruiting campaign may change only its description, images, requirements,"
                f" product URL and objective, not {', '.join(material)}"
            )
        return
    raise TransitionError(f"cannot edit a campaign that is {phase.value}")


# --- Instagram permalinks --------------------------------------------------------------------

_IG_HOSTS = frozenset({"instagram.com", "www.instagram.com", "m.instagram.com"})
_IG_PATH_RE = re.compile(r"^/(?:[A-Za-z0-9._]{1,30}/)?(p|reel|reels|tv)/([A-Za-z0-9_-]{5,64})/?$")


def normalize_permalink(raw: str) -> str:
    """An Instagram post or reel URL as `https://www.instagram.com/{p|reel}/<code>/`.

    Accepts http, the bare/m. hosts, a username prefix, `/reels/` and `/tv/`, and drops the
    query string and fragment (share links carry `?igsh=...`).
    """
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    if len(text) > URL_MAX or any(c.isspace() for c in text) or _has_control(text):
        raise RuleError("must be an Instagram post or reel link")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise RuleError("must be an Instagram post or reel link") from None
    if parts.scheme.lower() not in ("http", "https") or host not in _IG_HOSTS:
        raise RuleError("must be an Instagram post or reel link (https://www.instagram.com/p/...)")
    m = _IG_PATH_RE.match(parts.path)
    if not m:
        raise RuleError("must be an Instagram post or reel link (https://www.instagram.com/p/...)")
    kind = "p" if m.group(1) in ("p", "tv") else "reel"
    return f"https://www.instagram.com/{kind}/{m.group(2)}/"


# --- browsing --------------------------------------------------------------------------------


class Tab(StrEnum):
    RECRUITING = "RECRUITING"
    APPLIED = "APPLIED"
    ENDED = "ENDED"


class Sort(StrEnum):
    NEWEST = "NEWEST"
    DEADLINE = "DEADLINE"
    POPULAR = "POPULAR"


# Phases each public tab lists ("applied" lists every public phase the caller applied in).
TAB_PHASES: dict[Tab, frozenset[Phase]] = {
    Tab.RECRUITING: frozenset({Phase.RECRUITING}),
    Tab.APPLIED: frozenset(p for p in Phase if p not in PRIVATE_PHASES),
    Tab.ENDED: frozenset(
        {
            Phase.SELECTING,
            Phase.ANNOUNCED,
            Phase.IN_PROGRESS,
            Phase.REVIEWING,
            Phase.COMPLETED,
            Phase.CANCELLED,
        }
    ),
}


def encode_popular_cursor(count: int, created_at: datetime, row_id: uuid.UUID) -> str:
    return f"{count}.{encode_cursor(created_at, row_id)}"


def decode_popular_cursor(cursor: str) -> tuple[int, datetime, uuid.UUID] | None:
    if not cursor:
        return None
    count, _, rest = cursor.partition(".")
    if not count.isdigit() or not rest:
        raise RuleError("is not a valid cursor")
    decoded = decode_cursor(rest)
    assert decoded is not None
    return int(count), decoded[0], decoded[1]


# --- result report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    applicant_id: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    status: ApplicantStatus
    post_url: str = ""
    likes: int | None = None  # filled later by the sns service
    comments: int | None = None


@dataclass(frozen=True)
class ReportTotals:
    applicants: int
    selected: int
    completed: int
    no_show: int
    posts: int
    likes: int | None
    comments: int | None
    total_cost_krw: int
    cost_per_engagement_krw: float | None


@dataclass(frozen=True)
class Report:
    campaign_id: str
    title: str
    company_name: str
    phase: Phase
    reward_value_krw: int
    rows: list[ReportRow] = field(default_factory=list)
    applicants: int = 0  # every application, selected or not

    @property
    def totals(self) -> ReportTotals:
        selected = [r for r in self.rows if r.status in SELECTED_STATUSES]
        posted = [r for r in selected if r.post_url]
        known = [r for r in posted if r.likes is not None and r.comments is not None]
        likes = sum(r.likes or 0 for r in known) if known else None
        comments = sum(r.comments or 0 for r in known) if known else None
        cost = self.reward_value_krw * len(selected)
        engagements = (likes or 0) + (comments or 0)
        return ReportTotals(
            applicants=self.applicants,
            selected=len(selected),
            completed=sum(r.status is ApplicantStatus.COMPLETED for r in selected),
            no_show=sum(r.status is ApplicantStatus.NO_SHOW for r in selected),
            posts=len(posted),
            likes=likes,
            comments=comments,
            total_cost_krw=cost,
            cost_per_engagement_krw=round(cost / engagements, 2) if engagements else None,
        )


CSV_HEADER = (
    "applicant_id",
    "pet_id",
    "pet_name",
    "owner_user_id",
    "status",
    "post_url",
    "likes",
    "comments",
)


def _cell(value: object) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def render_report_csv(report: Report, *, generated_at: datetime, tz: tzinfo) -> str:
    """The result report as CSV (UTF-8 text; the edge adds a BOM for spreadsheet apps).

    One row per selected applicant, then a blank line and the totals; `generated_at` is
    shown in tz (the campaigns time zone setting, Asia/Seoul by default).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for r in report.rows:
        if r.status not in SELECTED_STATUSES:
            continue
        w.writerow(
            [
                _cell(v)
                for v in (
                    r.applicant_id,
                    r.pet_id,
                    r.pet_name,
                    r.owner_user_id,
                    r.status.value,
                    r.post_url,
                    r.likes,
                    r.comments,
                )
            ]
        )
    t = report.totals
    w.writerow([])
    for key, value in (
        ("campaign", report.title),
        ("generated_at", generated_at.astimezone(tz).isoformat(timespec="seconds")),
        ("company", report.company_name),
        ("phase", report.phase.value),
        ("applicants", t.applicants),
        ("selected", t.selected),
        ("completed", t.completed),
        ("no_show", t.no_show),
        ("posts", t.posts),
        ("likes", t.likes),
        ("comments", t.comments),
        ("total_cost_krw", t.total_cost_krw),
        ("cost_per_engagement_krw", t.cost_per_engagement_krw),
    ):
        w.writerow([_cell(key), _cell(value)])
    return buf.getvalue()


# --- the automatic content checklist ---------------------------------------------------------


class ChecklistStatus(StrEnum):
    PENDING = "PENDING"  # the sns service has not seen the post yet (next sync re-checks)
    PASSED = "PASSED"
    FAILED = "FAILED"
    UNAVAILABLE = "UNAVAILABLE"  # no linked account to check against


@dataclass(frozen=True)
class PostFacts:
    """What the sns service knows about a submitted post."""

    permalink: str
    caption: str
    posted_at: datetime
    paid_partnership: bool
    like_count: int
    comments_count: int


_CAPTION_TAG_RE = re.compile(r"#[\w가-힣]+")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_checklist(
    post: PostFacts,
    *,
    tz: tzinfo,
    username: str,
    hashtags: Sequence[str],
    keywords: Sequence[str],
    schedule: Schedule,
    grace_days: int,
) -> tuple[ChecklistStatus, list[dict[str, Any]]]:
    """Check a found post against the campaign; every item says what it found.

    The post was found on the PetStar's linked account, so it is theirs. The disclosure is
    met by `#광고`/`#협찬` in the caption or Instagram's paid-partnership label.
    """
    tags = {
        t.casefold() for t in _CAPTION_TAG_RE.findall(unicodedata.normalize("NFKC", post.caption))
    }
    caption = _fold(post.caption)
    items: list[dict[str, Any]] = [
        {"name": "posted_by_petstar", "passed": True, "detail": f"@{username}"},
    ]
    disclosed = post.paid_partnership or any(t.casefold() in tags for t in DISCLOSURE_TAGS)
    items.append(
        {
            "name": "disclosure",
            "passed": disclosed,
            "detail": "광고 표시 있음" if disclosed else "#광고 or #협찬 is missing",
        }
    )
    for tag in hashtags:
        if tag in DISCLOSURE_TAGS:
            continue
        found = tag.casefold() in tags
        items.append(
            {"name": f"hashtag {tag}", "passed": found, "detail": "" if found else "missing"}
        )
    for word in keywords:
        found = _fold(word) in caption
        items.append(
            {"name": f"keyword {word}", "passed": found, "detail": "" if found else "missing"}
        )
    deadline = content_deadline(schedule, grace_days)
    in_window = schedule.activity_start <= post.posted_at <= deadline
    items.append(
        {
            "name": "posted_in_window",
            "passed": in_window,
            "detail": post.posted_at.astimezone(tz).isoformat(timespec="minutes"),
        }
    )
    status = ChecklistStatus.PASSED if all(i["passed"] for i in items) else ChecklistStatus.FAILED
    return status, items
