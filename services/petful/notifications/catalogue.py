"""What produces a notification: one entry per notification type, in one table.

Each entry names the event topic it comes from (a contract of `petful.contracts`), which
payload field is the recipient, its category, its Korean title and body templates, the
web app path it links to and its default channels. Templates are `str.format` strings over
the event's payload fields (wording.fill: particles agree with the word before them,
`{pet_name:이}`), plus:

- `{actor}`: the nickname of the entry's `actor` (identity's, when the row is written) and
  `{others}`: how many more people a batched row stands for;
- `{<field>_text}` for every instant of the payload: Korean date and time in Asia/Seoul;
- `{because}`: " 사유: <reason>" when the payload has a non-empty reason, else "";
- `{target}`: the Korean word for the payload's target_type (게시글, 댓글, 회원);
- whatever the entry's `extra` adds (rare wording no rule above covers).

One event may fit several entries (a comment is a POST_COMMENTED or a COMMENT_REPLIED by
its `reason`): `when` says which payload values an entry is for. `channels` are where an
entry's notifications go when the recipient's settings allow (channels.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from petful.contracts import advertisers, campaigns, community, health, identity, pets, sns
from petful.contracts.base import Payload, Topic
from petful.notifications.rules import Category, Channel
from petful.notifications.wording import fill, korean_datetime

IN_APP = frozenset({Channel.IN_APP})
APP_AND_PUSH = frozenset({Channel.IN_APP, Channel.PUSH})
EVERY_CHANNEL = frozenset(Channel)

# A recipient of the nil UUID is an erased account (community keeps reports that way).
NOBODY = uuid.UUID(int=0)

TARGET_WORDS = {"USER": "회원", "POST": "게시글", "COMMENT": "댓글"}


@dataclass(frozen=True)
class Entry:
    type: str
    topic: Topic[Any]
    category: Category
    recipient: str  # the payload field holding the account told
    title: str
    body: str
    link: str
    object_type: str  # a template too: "{target_type}" takes it from the payload
    object_id: str  # the payload field holding the object's id
    channels: frozenset[Channel] = IN_APP
    actor: str = ""  # the payload field of the person who did it ("": the platform/an admin)
    when: Mapping[str, str] = field(default_factory=dict)
    # Set: while the recipient has not read the row, the same type about the same object
    # joins it (the latest actor, one more in actor_count) with this title.
    batch_title: str = ""
    # Sent at once even in the recipient's quiet hours (the time was the user's own choice).
    quiet_exempt: bool = False
    extra: Callable[[Any], dict[str, str]] | None = None


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    link: str
    object_type: str
    object_id: uuid.UUID | None


def _suspension(p: identity.AccountSuspended) -> dict[str, str]:
    until = korean_datetime(p.until, year=True) + "까지" if p.until else "관리자가 해제할 때까지"
    return {"period": until}


_CAMPAIGN = "/campaigns/{campaign_id}"
_MY_APPLICATIONS = "/campaigns/applications"
_POST = "/community/posts/{post_id}"

ENTRIES: tuple[Entry, ...] = (
    # --- campaigns: PetStars (owners) ----------------------------------------------------------
    Entry(
        "CAMPAIGN_INVITED",
        campaigns.INVITATION_SENT,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="캠페인 초대가 도착했어요",
        body="{company_name}에서 {pet_name:을} '{campaign_title}' 캠페인에 초대했어요.",
        link=_CAMPAIGN,
        object_type="INVITATION",
        object_id="invitation_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "APPLICATION_SELECTED",
        campaigns.APPLICANT_SELECTED,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="캠페인에 선정되었어요",
        body="{pet_name:이} '{campaign_title}' 캠페인에 선정되었어요. 일정과 배송을 확인해 주세요.",
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "APPLICATION_NOT_SELECTED",
        campaigns.APPLICANT_NOT_SELECTED,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="캠페인 선정 결과를 알려드려요",
        body="아쉽게도 {pet_name:은} '{campaign_title}' 캠페인에 선정되지 않았어요.",
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=APP_AND_PUSH,
    ),
    Entry(
        "SHIPMENT_SENT",
        campaigns.APPLICANT_SHIPPED,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="체험 제품이 발송되었어요",
        body=(
            "'{campaign_title}' 캠페인 제품이 발송되었어요. {carrier} 운송장 번호 {tracking_number}"
        ),
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "CONTENT_DUE_SOON",
        campaigns.CONTENT_DUE_SOON,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="콘텐츠 마감까지 {days_left}일 남았어요",
        body="'{campaign_title}' 캠페인 콘텐츠를 {deadline_text}까지 올려 주세요.",
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "CONTENT_APPROVED",
        campaigns.APPLICANT_APPROVED,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="콘텐츠가 승인되었어요",
        body="'{campaign_title}' 캠페인에 올린 {pet_name}의 콘텐츠가 승인되었어요.",
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=APP_AND_PUSH,
    ),
    Entry(
        "CONTENT_REVISION_REQUESTED",
        campaigns.APPLICANT_REVISION_REQUESTED,
        Category.CAMPAIGNS,
        recipient="owner_user_id",
        title="콘텐츠 수정 요청이 왔어요",
        body="'{campaign_title}' 캠페인 콘텐츠를 수정해 주세요.{because}",
        link=_MY_APPLICATIONS,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=EVERY_CHANNEL,
    ),
    # --- campaigns: advertisers --------------------------------------------------------------
    Entry(
        "APPLICATION_RECEIVED",
        campaigns.APPLICANT_APPLIED,
        Category.CAMPAIGNS,
        recipient="advertiser_user_id",
        title="새 지원자가 있어요",
        body="'{campaign_title}' 캠페인에 {pet_name:이} 지원했어요.",
        link=_CAMPAIGN,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=APP_AND_PUSH,
    ),
    Entry(
        "CONTENT_SUBMITTED",
        campaigns.APPLICANT_CONTENT_SUBMITTED,
        Category.CAMPAIGNS,
        recipient="advertiser_user_id",
        title="검토할 콘텐츠가 올라왔어요",
        body="{pet_name:이} '{campaign_title}' 캠페인 콘텐츠를 제출했어요.",
        link=_CAMPAIGN,
        object_type="APPLICANT",
        object_id="applicant_id",
        channels=APP_AND_PUSH,
    ),
    # An admin's approval is the only way into RECRUITING (campaigns' phase rules).
    Entry(
        "CAMPAIGN_APPROVED",
        campaigns.CAMPAIGN_RECRUITING,
        Category.CAMPAIGNS,
        recipient="advertiser_user_id",
        title="캠페인이 승인되었어요",
        body="'{title}' 캠페인이 승인되어 모집을 시작했어요.",
        link=_CAMPAIGN,
        object_type="CAMPAIGN",
        object_id="campaign_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "CAMPAIGN_REJECTED",
        campaigns.CAMPAIGN_REJECTED,
        Category.CAMPAIGNS,
        recipient="advertiser_user_id",
        title="캠페인이 반려되었어요",
        body="'{title}' 캠페인이 승인되지 않았어요.{because}",
        link=_CAMPAIGN,
        object_type="CAMPAIGN",
        object_id="campaign_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "ADVERTISER_APPROVED",
        advertisers.ADVERTISER_APPROVED,
        Category.ACCOUNT,
        recipient="user_id",
        title="광고주 승인이 완료되었어요",
        body="{company_name} 광고주 계정이 승인되었어요. 이제 캠페인을 만들 수 있어요.",
        link="/account",
        object_type="ADVERTISER",
        object_id="user_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "ADVERTISER_REJECTED",
        advertisers.ADVERTISER_REJECTED,
        Category.ACCOUNT,
        recipient="user_id",
        title="광고주 승인이 거절되었어요",
        body="{company_name} 광고주 신청이 승인되지 않았어요.{because}",
        link="/account",
        object_type="ADVERTISER",
        object_id="user_id",
        channels=EVERY_CHANNEL,
    ),
    # --- PetStar decisions -------------------------------------------------------------------
    Entry(
        "PETSTAR_APPROVED",
        pets.PETSTAR_APPROVED,
        Category.CAMPAIGNS,
        recipient="owner_id",
        title="펫스타가 되었어요",
        body="{pet_name:이} 펫스타로 승인되었어요. 이제 캠페인에 지원할 수 있어요.",
        link="/pets/{pet_id}?tab=petstar",
        object_type="PET",
        object_id="pet_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "PETSTAR_REJECTED",
        pets.PETSTAR_REJECTED,
        Category.CAMPAIGNS,
        recipient="owner_id",
        title="펫스타 신청 결과를 알려드려요",
        body="{pet_name}의 펫스타 신청이 승인되지 않았어요.{because}",
        link="/pets/{pet_id}?tab=petstar",
        object_type="PET",
        object_id="pet_id",
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "PETSTAR_REVOKED",
        pets.PETSTAR_REVOKED,
        Category.CAMPAIGNS,
        recipient="owner_id",
        title="펫스타 자격이 해제되었어요",
        body="{pet_name}의 펫스타 자격이 해제되었어요.{because}",
        link="/pets/{pet_id}?tab=petstar",
        object_type="PET",
        object_id="pet_id",
        channels=EVERY_CHANNEL,
    ),
    # --- Instagram ---------------------------------------------------------------------------
    Entry(
        "INSTAGRAM_RECONNECT_NEEDED",
        sns.ACCOUNT_NEEDS_REAUTH,
        Category.ACCOUNT,
        recipient="owner_user_id",
        title="인스타그램을 다시 연결해 주세요",
        body="@{username} 계정의 연결이 만료되어 게시물과 지표를 가져올 수 없어요.",
        link="/instagram/{account_id}",
        object_type="INSTAGRAM_ACCOUNT",
        object_id="account_id",
        channels=EVERY_CHANNEL,
    ),
    # --- community ---------------------------------------------------------------------------
    Entry(
        "POST_COMMENTED",
        community.COMMENT_CREATED,
        Category.COMMUNITY,
        recipient="recipient_id",
        actor="author_id",
        when={"reason": "POST_COMMENT"},
        title="{actor}님이 회원님의 글에 댓글을 남겼어요",
        body="{post_title}: {excerpt}",
        link=_POST,
        object_type="COMMENT",
        object_id="comment_id",
        # Mail one by one, or gathered in the daily digest when the user chose it.
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "COMMENT_REPLIED",
        community.COMMENT_CREATED,
        Category.COMMUNITY,
        recipient="recipient_id",
        actor="author_id",
        when={"reason": "REPLY"},
        title="{actor}님이 회원님의 댓글에 답글을 남겼어요",
        body="{excerpt}",
        link=_POST,
        object_type="COMMENT",
        object_id="comment_id",
        # Mail one by one, or gathered in the daily digest when the user chose it.
        channels=EVERY_CHANNEL,
    ),
    Entry(
        "POST_LIKED",
        community.POST_LIKED,
        Category.COMMUNITY,
        recipient="author_id",
        actor="user_id",
        title="{actor}님이 회원님의 글을 좋아합니다",
        batch_title="{actor}님 외 {others}명이 회원님의 글을 좋아합니다",
        body="{post_title}",
        link=_POST,
        object_type="POST",
        object_id="post_id",
    ),
    Entry(
        "REPORT_RESOLVED",
        community.REPORT_RESOLVED,
        Category.COMMUNITY,
        recipient="reporter_id",
        title="신고가 처리되었어요",
        body="신고하신 {target:을} 검토해 조치했어요. 알려 주셔서 고마워요.",
        link="/account/reports",
        object_type="REPORT",
        object_id="report_id",
    ),
    Entry(
        "REPORT_DISMISSED",
        community.REPORT_DISMISSED,
        Category.COMMUNITY,
        recipient="reporter_id",
        title="신고 검토 결과를 알려드려요",
        body="신고하신 {target:을} 검토했지만 운영 정책 위반이 확인되지 않았어요.",
        link="/account/reports",
        object_type="REPORT",
        object_id="report_id",
    ),
    Entry(
        "CONTENT_HIDDEN",
        community.CONTENT_MODERATED,
        Category.COMMUNITY,
        recipient="author_id",
        when={"action": "HIDDEN"},
        title="작성하신 {target:이} 숨겨졌어요",
        body="신고가 접수되어 검토가 끝날 때까지 다른 회원에게 보이지 않아요.{because}",
        link=_POST,
        object_type="{target_type}",
        object_id="target_id",
        channels=APP_AND_PUSH,
    ),
    # The post may be gone: the link is the boards.
    Entry(
        "CONTENT_DELETED",
        community.CONTENT_MODERATED,
        Category.COMMUNITY,
        recipient="author_id",
        when={"action": "DELETED"},
        title="작성하신 {target:이} 삭제되었어요",
        body="운영 정책에 따라 삭제되었어요.{because}",
        link="/community",
        object_type="{target_type}",
        object_id="target_id",
        channels=APP_AND_PUSH,
    ),
    Entry(
        "CONTENT_RESTORED",
        community.CONTENT_MODERATED,
        Category.COMMUNITY,
        recipient="author_id",
        when={"action": "RESTORED"},
        title="작성하신 {target:이} 다시 보여요",
        body="검토 결과 문제가 없어 다시 공개되었어요.",
        link=_POST,
        object_type="{target_type}",
        object_id="target_id",
    ),
    Entry(
        "CONTENT_WARNED",
        community.CONTENT_MODERATED,
        Category.COMMUNITY,
        recipient="author_id",
        when={"action": "WARNED"},
        title="운영 정책 위반 경고를 받았어요",
        body="작성하신 {target:이} 운영 정책에 어긋나요.{because}",
        link=_POST,
        object_type="{target_type}",
        object_id="target_id",
        channels=EVERY_CHANNEL,
    ),
    # --- account -----------------------------------------------------------------------------
    Entry(
        "ACCOUNT_SUSPENDED",
        identity.ACCOUNT_SUSPENDED,
        Category.ACCOUNT,
        recipient="user_id",
        title="계정 이용이 정지되었어요",
        body="{period} 글쓰기와 캠페인 활동이 제한돼요.{because}",
        link="/account",
        object_type="ACCOUNT",
        object_id="user_id",
        channels=EVERY_CHANNEL,
        extra=_suspension,
    ),
    # --- health ------------------------------------------------------------------------------
    Entry(
        "HEALTH_REMINDER",
        health.REMINDER_DUE,
        Category.HEALTH,
        recipient="owner_id",
        title="{pet_name} · {title}",
        body="{occurs_at_text} 일정이에요.",
        link="/schedules",
        object_type="SCHEDULE",
        object_id="schedule_id",
        channels=APP_AND_PUSH,
        # The schedule's own lead time says when the owner wants to hear of it.
        quiet_exempt=True,
    ),
)

BY_TYPE: dict[str, Entry] = {e.type: e for e in ENTRIES}

# The optional channels each category uses at all: the settings offer only these (a
# switch that changes nothing would mislead).
OPTIONAL_BY_CATEGORY: dict[Category, tuple[Channel, ...]] = {
    c: tuple(
        ch
        for ch in (Channel.EMAIL, Channel.PUSH)
        if any(ch in e.channels for e in ENTRIES if e.category is c)
    )
    for c in Category
}


# --- reading an event through an entry --------------------------------------------------------


def applies(entry: Entry, payload: Payload) -> bool:
    """Whether the event is this entry's (its `when` values match)."""
    return all(getattr(payload, name) == value for name, value in entry.when.items())


def _id(payload: Payload, name: str) -> uuid.UUID | None:
    value = getattr(payload, name) if name else None
    return value if isinstance(value, uuid.UUID) and value != NOBODY else None


def recipient_of(entry: Entry, payload: Payload) -> uuid.UUID | None:
    """Who is told; None when nobody can be (an erased account)."""
    return _id(payload, entry.recipient)


def actor_of(entry: Entry, payload: Payload) -> uuid.UUID | None:
    return _id(payload, entry.actor)


def object_id_of(entry: Entry, payload: Payload) -> uuid.UUID | None:
    return _id(payload, entry.object_id)


def values_of(
    entry: Entry, payload: Payload, *, actor: str = "", actor_count: int = 1
) -> dict[str, Any]:
    """What the entry's templates may name (see the module's docstring)."""
    values: dict[str, Any] = dict(payload)
    for name, value in list(values.items()):
        if isinstance(value, datetime):
            values[f"{name}_text"] = korean_datetime(value)
    reason = values.get("reason")
    values["because"] = f" 사유: {reason}" if reason else ""
    if "target_type" in values:
        values["target"] = TARGET_WORDS.get(values["target_type"], "콘텐츠")
    values["actor"] = actor
    values["others"] = actor_count - 1
    if entry.extra is not None:
        values.update(entry.extra(payload))
    return values


def render(entry: Entry, payload: Payload, *, actor: str = "", actor_count: int = 1) -> Rendered:
    """The row's texts, link and object for this event (actor: the actor's nickname)."""
    values = values_of(entry, payload, actor=actor, actor_count=actor_count)
    title = entry.batch_title if entry.batch_title and actor_count > 1 else entry.title
    return Rendered(
        title=fill(title, values),
        body=fill(entry.body, values),
        link=fill(entry.link, values),
        object_type=fill(entry.object_type, values),
        object_id=object_id_of(entry, payload),
    )
