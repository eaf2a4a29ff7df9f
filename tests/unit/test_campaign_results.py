"""A campaign's results without I/O: the totals, the CSV, and the automatic content
checklist whose figures feed them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from petful.campaigns.rules import ApplicantStatus, Phase, checklist, results, schedule
from petful.campaigns.rules.results import CampaignResults, ResultRow

P, A = Phase, ApplicantStatus

# --- results and their CSV ---------------------------------------------------------------------


def _results(**kw: object) -> CampaignResults:
    rows = [
        ResultRow("a1", "p1", "몽이", "u1", A.COMPLETED, "https://www.instagram.com/p/AAAAA/"),
        ResultRow("a2", "p2", "=cmd()", "u2", A.NO_SHOW),
        ResultRow("a3", "p3", "콩이", "u3", A.NOT_SELECTED),
    ]
    data: dict[str, object] = {
        "campaign_id": "c1",
        "title": "간식 체험단",
        "company_name": "펫풀",
        "phase": P.COMPLETED,
        "reward_value_krw": 30000,
        "rows": rows,
        "applicants": 3,
    }
    data.update(kw)
    return CampaignResults(**data)  # type: ignore[arg-type]


def test_totals_without_engagement() -> None:
    t = _results().totals
    assert (t.applicants, t.selected, t.completed, t.no_show, t.posts) == (3, 2, 1, 1, 1)
    assert t.likes is None
    assert t.comments is None
    assert t.total_cost_krw == 60000
    assert t.cost_per_engagement_krw is None


def test_totals_with_engagement() -> None:
    rows = [
        ResultRow("a1", "p1", "몽이", "u1", A.COMPLETED, "https://x/p/1", 90, 10),
        ResultRow("a2", "p2", "콩이", "u2", A.COMPLETED, "https://x/p/2", 150, 50),
    ]
    t = _results(rows=rows, applicants=2).totals
    assert (t.likes, t.comments, t.total_cost_krw) == (240, 60, 60000)
    assert t.cost_per_engagement_krw == 200.0


def test_csv_rendering() -> None:
    at = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)
    text = results.render_results_csv(_results(), generated_at=at, tz=ZoneInfo("Asia/Seoul"))
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == list(results.CSV_HEADER)
    assert lines[1][:5] == ["a1", "p1", "몽이", "u1", "COMPLETED"]
    assert lines[1][5] == "https://www.instagram.com/p/AAAAA/"
    # Formula injection is neutralised; unselected applicants are not listed.
    assert lines[2][2] == "'=cmd()"
    assert all(row[:1] != ["a3"] for row in lines)
    totals = {row[0]: row[1] for row in lines[3:] if len(row) == 2}
    assert totals["generated_at"] == "2027-01-01T00:30:00+09:00"
    assert totals["selected"] == "2"
    assert totals["total_cost_krw"] == "60000"
    assert totals["cost_per_engagement_krw"] == ""
    assert text.endswith("\r\n")


def _post(caption: str, *, days: float = 1, paid: bool = False) -> checklist.PostFacts:
    start = datetime(2026, 12, 1, tzinfo=UTC)
    return checklist.PostFacts(
        permalink="https://www.instagram.com/p/abc/",
        caption=caption,
        posted_at=start + timedelta(days=days),
        paid_partnership=paid,
        like_count=10,
        comments_count=2,
    )


CHECK_SCHEDULE = schedule.Schedule(
    recruit_start=datetime(2026, 11, 20, tzinfo=UTC),
    recruit_end=datetime(2026, 11, 25, tzinfo=UTC),
    announce_at=datetime(2026, 11, 26, tzinfo=UTC),
    activity_start=datetime(2026, 12, 1, tzinfo=UTC),
    activity_end=datetime(2026, 12, 10, tzinfo=UTC),
)


def _check(post: checklist.PostFacts) -> tuple[checklist.ChecklistStatus, dict[str, bool]]:
    status, items = checklist.content_checklist(
        post,
        tz=UTC,
        username="bori",
        hashtags=["#광고", "#펫풀"],
        keywords=["유산균", "장 건강"],
        schedule=CHECK_SCHEDULE,
        grace_days=3,
    )
    return status, {i["name"]: i["passed"] for i in items}


def test_checklist_passes_when_everything_is_there() -> None:
    status, items = _check(_post("우리 보리 #광고 #펫풀 유산균 먹고 장건강 챙겨요"))
    assert status is checklist.ChecklistStatus.PASSED
    assert items == {
        "posted_by_petstar": True,
        "disclosure": True,
        "hashtag #펫풀": True,
        "keyword 유산균": True,
        "keyword 장 건강": True,  # spacing does not matter
        "posted_in_window": True,
    }


def test_checklist_names_each_missing_item() -> None:
    status, items = _check(_post("산책 #펫풀", days=20))
    assert status is checklist.ChecklistStatus.FAILED
    assert {name for name, ok in items.items() if not ok} == {
        "disclosure",
        "keyword 유산균",
        "keyword 장 건강",
        "posted_in_window",
    }


def test_paid_partnership_label_or_sponsorship_tag_discloses() -> None:
    assert _check(_post("#펫풀 유산균 장건강", paid=True))[1]["disclosure"]
    assert _check(_post("#협찬 #펫풀 유산균 장건강"))[1]["disclosure"]
    assert not _check(_post("#광고아님 #펫풀 유산균 장건강"))[1]["disclosure"]
