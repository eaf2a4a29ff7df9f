"""A campaign's results: one row per selected applicant, the totals, and the CSV export.

(The edge calls it the campaign "report"; in code "report" is only ever a user report.)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from petful.campaigns.rules import ApplicantStatus, Phase
from petful.campaigns.rules.applicants import SELECTED_STATUSES


@dataclass(frozen=True)
class ResultRow:
    applicant_id: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    status: ApplicantStatus
    post_url: str = ""
    likes: int | None = None  # filled later by the sns service
    comments: int | None = None


@dataclass(frozen=True)
class ResultTotals:
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
class CampaignResults:
    campaign_id: str
    title: str
    company_name: str
    phase: Phase
    reward_value_krw: int
    rows: list[ResultRow] = field(default_factory=list)
    applicants: int = 0  # every application, selected or not

    @property
    def totals(self) -> ResultTotals:
        selected = [r for r in self.rows if r.status in SELECTED_STATUSES]
        posted = [r for r in selected if r.post_url]
        known = [r for r in posted if r.likes is not None and r.comments is not None]
        likes = sum(r.likes or 0 for r in known) if known else None
        comments = sum(r.comments or 0 for r in known) if known else None
        cost = self.reward_value_krw * len(selected)
        engagements = (likes or 0) + (comments or 0)
        return ResultTotals(
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


def render_results_csv(results: CampaignResults, *, generated_at: datetime, tz: tzinfo) -> str:
    """The results as CSV (UTF-8 text; the edge adds a BOM for spreadsheet apps).

    One row per selected applicant, then a blank line and the totals; `generated_at` is
    shown in tz (the campaigns time zone setting, Asia/Seoul by default).
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for r in results.rows:
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
    t = results.totals
    w.writerow([])
    for key, value in (
        ("campaign", results.title),
        ("generated_at", generated_at.astimezone(tz).isoformat(timespec="seconds")),
        ("company", results.company_name),
        ("phase", results.phase.value),
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
