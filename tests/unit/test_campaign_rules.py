"""Campaign rules without I/O: both state machines exhaustively (every state x every event),
the schedule rules, hashtag disclosure, Instagram permalinks, edits and the report CSV."""

from __future__ import annotations

import csv
import io
import itertools
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from petful.campaigns import rules
from petful.campaigns.rules import (
    ApplicantEvent,
    ApplicantStatus,
    CampaignEvent,
    CampaignType,
    Phase,
    RuleError,
    Schedule,
    TransitionError,
)
from petful.platform.validation import parse_uuid

P, E = Phase, CampaignEvent
A, AE = ApplicantStatus, ApplicantEvent

# --- campaign phases: the full table -------------------------------------------------------

NON_TERMINAL = [p for p in Phase if p not in (P.COMPLETED, P.CANCELLED)]
EXPECTED_PHASES: dict[tuple[Phase, CampaignEvent], Phase] = {
    (P.DRAFT, E.SUBMIT): P.PENDING_REVIEW,
    (P.REJECTED, E.SUBMIT): P.PENDING_REVIEW,
    (P.PENDING_REVIEW, E.APPROVE): P.RECRUITING,
    (P.PENDING_REVIEW, E.REJECT): P.REJECTED,
    (P.RECRUITING, E.CLOSE_RECRUITMENT): P.SELECTING,
    (P.SELECTING, E.ANNOUNCE): P.ANNOUNCED,
    (P.ANNOUNCED, E.START_ACTIVITY): P.IN_PROGRESS,
    (P.IN_PROGRESS, E.END_ACTIVITY): P.REVIEWING,
    (P.REVIEWING, E.COMPLETE): P.COMPLETED,
    **{
        (p, E.CANCEL_BY_ADVERTISER): P.CANCELLED
        for p in (P.DRAFT, P.PENDING_REVIEW, P.REJECTED, P.RECRUITING, P.SELECTING)
    },
    **{(p, E.CANCEL_BY_ADMIN): P.CANCELLED for p in NON_TERMINAL},
}


@pytest.mark.parametrize(("phase", "event"), list(itertools.product(Phase, CampaignEvent)))
def test_every_phase_and_event(phase: Phase, event: CampaignEvent) -> None:
    expected = EXPECTED_PHASES.get((phase, event))
    if expected is None:
        with pytest.raises(TransitionError, match=phase.value):
            rules.next_phase(phase, event)
    else:
        assert rules.next_phase(phase, event) is expected


def test_table_is_exactly_the_expected_one() -> None:
    assert rules.CAMPAIGN_TRANSITIONS == EXPECTED_PHASES


def test_terminal_phases_allow_nothing() -> None:
    for phase, event in itertools.product((P.COMPLETED, P.CANCELLED), CampaignEvent):
        with pytest.raises(TransitionError):
            rules.next_phase(phase, event)


def test_advertiser_cannot_cancel_after_announcement() -> None:
    for phase in (P.ANNOUNCED, P.IN_PROGRESS, P.REVIEWING):
        with pytest.raises(TransitionError):
            rules.next_phase(phase, E.CANCEL_BY_ADVERTISER)
        assert rules.next_phase(phase, E.CANCEL_BY_ADMIN) is P.CANCELLED


def test_topics() -> None:
    assert rules.campaign_topic(P.IN_PROGRESS) == "campaigns.campaign.in_progress"
    assert rules.applicant_topic(A.NO_SHOW) == "campaigns.applicant.no_show"


# --- applicant status: the full table x both campaign types --------------------------------

OWES = (A.SELECTED, A.SHIPPED, A.CONTENT_SUBMITTED, A.REVISION_REQUESTED)
ACTIVE = (*OWES, A.APPLIED, A.APPROVED)
BASE_APPLICANT: dict[tuple[ApplicantStatus, ApplicantEvent], ApplicantStatus] = {
    (A.APPLIED, AE.SELECT): A.SELECTED,
    (A.SELECTED, AE.UNSELECT): A.APPLIED,
    (A.APPLIED, AE.ANNOUNCE): A.NOT_SELECTED,
    (A.SHIPPED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED,
    (A.REVISION_REQUESTED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED,
    (A.CONTENT_SUBMITTED, AE.REQUEST_REVISION): A.REVISION_REQUESTED,
    (A.CONTENT_SUBMITTED, AE.APPROVE_CONTENT): A.APPROVED,
    (A.APPROVED, AE.COMPLETE): A.COMPLETED,
    (A.APPLIED, AE.CANCEL): A.CANCELLED,
    **{(s, AE.MARK_NO_SHOW): A.NO_SHOW for s in OWES},
    **{(s, AE.CAMPAIGN_CANCELLED): A.CANCELLED for s in ACTIVE},
}
EXPECTED_APPLICANT = {
    CampaignType.DELIVERY: {
        **BASE_APPLICANT,
        (A.SELECTED, AE.SHIP): A.SHIPPED,
        (A.SHIPPED, AE.SHIP): A.SHIPPED,
    },
    CampaignType.VISIT: {**BASE_APPLICANT, (A.SELECTED, AE.SUBMIT_CONTENT): A.CONTENT_SUBMITTED},
}


@pytest.mark.parametrize(
    ("kind", "status", "event"),
    list(itertools.product(CampaignType, ApplicantStatus, ApplicantEvent)),
)
def test_every_status_and_event(
    kind: CampaignType, status: ApplicantStatus, event: ApplicantEvent
) -> None:
    expected = EXPECTED_APPLICANT[kind].get((status, event))
    if expected is None:
        with pytest.raises(TransitionError):
            rules.next_status(status, event, campaign_type=kind)
    else:
        assert rules.next_status(status, event, campaign_type=kind) is expected


def test_terminal_statuses_allow_nothing() -> None:
    for status, event, kind in itertools.product(
        rules.TERMINAL_STATUSES, ApplicantEvent, CampaignType
    ):
        with pytest.raises(TransitionError):
            rules.next_status(status, event, campaign_type=kind)


def test_status_sets_partition() -> None:
    assert set(ApplicantStatus) == rules.ACTIVE_STATUSES | rules.TERMINAL_STATUSES
    assert not rules.ACTIVE_STATUSES & rules.TERMINAL_STATUSES
    assert {s.value for s in rules.ACTIVE_STATUSES} == {
        "APPLIED",
        "SELECTED",
        "SHIPPED",
        "CONTENT_SUBMITTED",
        "REVISION_REQUESTED",
        "APPROVED",
    }


def test_completion_due() -> None:
    assert rules.completion_due([])
    assert rules.completion_due([A.COMPLETED, A.NO_SHOW, A.NOT_SELECTED, A.CANCELLED])
    assert not rules.completion_due([A.COMPLETED, A.APPROVED])
    assert not rules.completion_due([A.CONTENT_SUBMITTED])


# --- schedule -------------------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def schedule(**shift_days: int) -> Schedule:
    base = {
        "recruit_start": 1,
        "recruit_end": 8,
        "announce_at": 9,
        "activity_start": 10,
        "activity_end": 24,
    }
    base.update(shift_days)
    return Schedule(**{k: NOW + timedelta(days=v) for k, v in base.items()})


def test_valid_schedule() -> None:
    assert rules.schedule_violations(schedule(), now=NOW) == []
    # Equalities allowed where the rule says <=.
    s = schedule(recruit_end=8, announce_at=8, activity_start=8)
    assert rules.schedule_violations(s, now=NOW) == []


@pytest.mark.parametrize(
    ("shift", "field_name"),
    [
        ({"recruit_end": 1}, "recruit_end"),
        ({"recruit_end": 0}, "recruit_end"),
        ({"announce_at": 7}, "announce_at"),
        ({"activity_start": 8}, "activity_start"),
        ({"activity_end": 10}, "activity_end"),
        ({"activity_end": 9}, "activity_end"),
    ],
)
def test_order_violations_name_the_field(shift: dict[str, int], field_name: str) -> None:
    fields = {f for f, _ in rules.schedule_violations(schedule(**shift), now=None)}
    assert fields == {field_name}


def test_past_dates_name_each_field() -> None:
    s = schedule(recruit_start=-2, recruit_end=-1)
    violations = rules.schedule_violations(s, now=NOW)
    assert ("recruit_start", "must be in the future") in violations
    assert ("recruit_end", "must be in the future") in violations
    # Without now (drafts) only the order is checked.
    assert rules.schedule_violations(s, now=None) == []


def test_time_steps() -> None:
    s = schedule()
    at = {name: getattr(s, name) for name in rules.SCHEDULE_FIELDS}
    assert rules.time_step(P.RECRUITING, s, at["recruit_end"] - timedelta(seconds=1)) is None
    assert rules.time_step(P.RECRUITING, s, at["recruit_end"]) is E.CLOSE_RECRUITMENT
    assert rules.time_step(P.SELECTING, s, at["announce_at"]) is E.ANNOUNCE
    assert rules.time_step(P.SELECTING, s, at["recruit_end"]) is None
    assert rules.time_step(P.ANNOUNCED, s, at["activity_start"]) is E.START_ACTIVITY
    assert rules.time_step(P.IN_PROGRESS, s, at["activity_end"]) is E.END_ACTIVITY
    far = at["activity_end"] + timedelta(days=400)
    for phase in (P.DRAFT, P.PENDING_REVIEW, P.REJECTED, P.REVIEWING, P.COMPLETED, P.CANCELLED):
        assert rules.time_step(phase, s, far) is None
    assert rules.content_deadline(s, 3) == at["activity_end"] + timedelta(days=3)
    assert not rules.recruiting_open(P.RECRUITING, s, at["recruit_start"] - timedelta(seconds=1))
    assert rules.recruiting_open(P.RECRUITING, s, at["recruit_start"])
    assert not rules.recruiting_open(P.RECRUITING, s, at["recruit_end"])
    assert not rules.recruiting_open(P.SELECTING, s, at["recruit_start"])


# --- hashtags ---------------------------------------------------------------------------------


def test_disclosure_tag_is_added_when_missing() -> None:
    assert rules.check_hashtags(["간식", "#강아지"]) == ["#광고", "#간식", "#강아지"]
    assert rules.check_hashtags([]) == ["#광고"]
    assert rules.check_hashtags(["#협찬", "dog"]) == ["#협찬", "#dog"]
    assert rules.check_hashtags(["광고"]) == ["#광고"]
    assert rules.check_hashtags(["#Dog", "#dog", " "]) == ["#광고", "#Dog"]


def test_last_disclosure_tag_cannot_be_removed() -> None:
    with pytest.raises(RuleError, match="#광고 or #협찬"):
        rules.check_hashtags(["#강아지"], previous=["#광고", "#강아지"])
    # Swapping one disclosure tag for the other is fine.
    assert rules.check_hashtags(["#협찬"], previous=["#광고"]) == ["#협찬"]
    # A previous list without one (never stored, but) gets the tag added.
    assert rules.check_hashtags(["#a"], previous=["#a"]) == ["#광고", "#a"]


@pytest.mark.parametrize("bad", ["#two words", "#a-b", "#", "#" + "x" * 60, "#a\u0000"])
def test_bad_hashtags(bad: str) -> None:
    with pytest.raises(RuleError):
        rules.check_hashtags([bad])


# --- permalinks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.instagram.com/p/Cx1_abc-DE/", "https://www.instagram.com/p/Cx1_abc-DE/"),
        ("https://instagram.com/p/Cx1abcDE", "https://www.instagram.com/p/Cx1abcDE/"),
        ("http://m.instagram.com/p/Cx1abcDE/?igsh=xyz#c", "https://www.instagram.com/p/Cx1abcDE/"),
        ("https://www.instagram.com/reel/C9zzzz1/", "https://www.instagram.com/reel/C9zzzz1/"),
        ("https://www.instagram.com/reels/C9zzzz1/", "https://www.instagram.com/reel/C9zzzz1/"),
        ("https://www.instagram.com/tv/C9zzzz1/", "https://www.instagram.com/p/C9zzzz1/"),
        ("https://WWW.Instagram.com/mong.i/p/C9zzzz1/", "https://www.instagram.com/p/C9zzzz1/"),
        ("  https://www.instagram.com/p/C9zzzz1/  ", "https://www.instagram.com/p/C9zzzz1/"),
    ],
)
def test_permalinks_are_normalised(raw: str, expected: str) -> None:
    assert rules.normalize_permalink(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "https://www.instagram.com/mong.i/",
        "https://www.instagram.com/p/",
        "https://www.instagram.com/stories/mong/123/",
        "https://instagram.com.evil.example/p/C9zzzz1/",
        "https://evil.example/www.instagram.com/p/C9zzzz1/",
        "ftp://www.instagram.com/p/C9zzzz1/",
        "javascript:alert(1)",
        "https://www.instagram.com/p/C9 zz/",
        "https://www.instagram.com/p/C9zzzz1/extra/",
    ],
)
def test_non_permalinks_are_refused(raw: str) -> None:
    with pytest.raises(RuleError):
        rules.normalize_permalink(raw)


# --- edits --------------------------------------------------------------------------------------


def test_edits_by_phase() -> None:
    everything = {"title", "headcount", "recruit_end", "hashtags", "product_description"}
    for phase in (P.DRAFT, P.REJECTED):
        rules.check_edit(phase, everything)
    rules.check_edit(P.RECRUITING, rules.NON_MATERIAL_FIELDS)
    rules.check_edit(P.RECRUITING, set())
    for material in (
        "title",
        "product_name",
        "missions",
        "keywords",
        "hashtags",
        "campaign_type",
        "target_species",
        "headcount",
        "reward_description",
        "reward_value_krw",
        "recruit_end",
        "activity_start",
        "post_retention_days",
    ):
        with pytest.raises(TransitionError, match=material):
            rules.check_edit(P.RECRUITING, {material, "product_url"})
    for phase in set(Phase) - {P.DRAFT, P.REJECTED, P.RECRUITING}:
        with pytest.raises(TransitionError):
            rules.check_edit(phase, {"product_description"})


# --- fields ---------------------------------------------------------------------------------


def test_field_checks() -> None:
    assert rules.check_headcount(1) == 1
    assert rules.check_headcount(500) == 500
    for bad in (0, 501, -1):
        with pytest.raises(RuleError):
            rules.check_headcount(bad)
    assert rules.check_reward_value(0) == 0
    with pytest.raises(RuleError):
        rules.check_reward_value(-1)
    assert rules.check_retention_days(0) == 180
    assert rules.check_retention_days(30) == 30
    with pytest.raises(RuleError):
        rules.check_retention_days(-5)
    assert rules.check_species(["cat", "DOG", "dog"]) == ["DOG", "CAT"]
    with pytest.raises(RuleError):
        rules.check_species([])
    with pytest.raises(RuleError):
        rules.check_species(["dragon"])
    assert rules.check_note("  열 글자 이상 메모입니다  ") == "열 글자 이상 메모입니다"
    for bad_note in ("short", "x" * 1001, "ten chars \u0007 bell"):
        with pytest.raises(RuleError):
            rules.check_note(bad_note)
    assert (
        rules.check_http_url("https://shop.example/item?id=1") == "https://shop.example/item?id=1"
    )
    for bad_url in ("", "shop.example", "ftp://shop.example", "https://localhost/x"):
        with pytest.raises(RuleError):
            rules.check_http_url(bad_url)
    assert rules.check_items([" a  b ", "", "a b", "c"]) == ["a b", "c"]
    with pytest.raises(RuleError):
        rules.check_items(["x"] * 0 + [str(i) for i in range(21)])
    with pytest.raises(RuleError):
        rules.check_reason("no")
    assert parse_uuid(str(uuid.UUID(int=1))) == uuid.UUID(int=1)
    for bad_id in ("nope", "  "):
        with pytest.raises(RuleError):
            parse_uuid(bad_id)


def test_popular_cursor_round_trip() -> None:
    rid = uuid.uuid4()
    cursor = rules.encode_popular_cursor(12, NOW, rid)
    assert rules.decode_popular_cursor(cursor) == (12, NOW, rid)
    assert rules.decode_popular_cursor("") is None
    for bad in ("x.y", "12", "12.!!"):
        with pytest.raises(RuleError):
            rules.decode_popular_cursor(bad)


# --- report CSV -------------------------------------------------------------------------------


def _report(**kw: object) -> rules.Report:
    rows = [
        rules.ReportRow(
            "a1", "p1", "몽이", "u1", A.COMPLETED, "https://www.instagram.com/p/AAAAA/"
        ),
        rules.ReportRow("a2", "p2", "=cmd()", "u2", A.NO_SHOW),
        rules.ReportRow("a3", "p3", "콩이", "u3", A.NOT_SELECTED),
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
    return rules.Report(**data)  # type: ignore[arg-type]


def test_totals_without_engagement() -> None:
    t = _report().totals
    assert (t.applicants, t.selected, t.completed, t.no_show, t.posts) == (3, 2, 1, 1, 1)
    assert t.likes is None
    assert t.comments is None
    assert t.total_cost_krw == 60000
    assert t.cost_per_engagement_krw is None


def test_totals_with_engagement() -> None:
    rows = [
        rules.ReportRow("a1", "p1", "몽이", "u1", A.COMPLETED, "https://x/p/1", 90, 10),
        rules.ReportRow("a2", "p2", "콩이", "u2", A.COMPLETED, "https://x/p/2", 150, 50),
    ]
    t = _report(rows=rows, applicants=2).totals
    assert (t.likes, t.comments, t.total_cost_krw) == (240, 60, 60000)
    assert t.cost_per_engagement_krw == 200.0


def test_csv_rendering() -> None:
    at = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)
    text = rules.render_report_csv(_report(), generated_at=at, tz=ZoneInfo("Asia/Seoul"))
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == list(rules.CSV_HEADER)
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


def test_media_ids_are_uploaded_image_ids() -> None:
    image = "0b6f9a4e-3f5d-4c43-9f0e-0d8b8f6b2f11"
    assert rules.check_media_ids([image.upper()]) == [image]
    with pytest.raises(RuleError, match="uploaded images"):
        rules.check_media_ids(["img-1"])


def _post(caption: str, *, days: float = 1, paid: bool = False) -> rules.PostFacts:
    start = datetime(2026, 12, 1, tzinfo=UTC)
    return rules.PostFacts(
        permalink="https://www.instagram.com/p/abc/",
        caption=caption,
        posted_at=start + timedelta(days=days),
        paid_partnership=paid,
        like_count=10,
        comments_count=2,
    )


CHECK_SCHEDULE = rules.Schedule(
    recruit_start=datetime(2026, 11, 20, tzinfo=UTC),
    recruit_end=datetime(2026, 11, 25, tzinfo=UTC),
    announce_at=datetime(2026, 11, 26, tzinfo=UTC),
    activity_start=datetime(2026, 12, 1, tzinfo=UTC),
    activity_end=datetime(2026, 12, 10, tzinfo=UTC),
)


def _check(post: rules.PostFacts) -> tuple[rules.ChecklistStatus, dict[str, bool]]:
    status, items = rules.content_checklist(
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
    assert status is rules.ChecklistStatus.PASSED
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
    assert status is rules.ChecklistStatus.FAILED
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
