"""Demo campaigns for the local platform (`petful seed`): one campaign of the demo
advertiser in every phase, with the demo PetStars as applicants where a phase has them.
Idempotent (nothing is added once the advertiser has campaigns).

The seeder hands over the identity account ids (`demo["account_ids"]`) and the demo pets
(`demo["pet_ids"]`, by name), since this service reads no other schema.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Applicant, Campaign, Submission
from petful.campaigns.rules import ApplicantStatus as S
from petful.campaigns.rules import Phase
from petful.campaigns.service.shared import utc_now

ADVERTISER = "advertiser@petful.dev"
COMPANY = "펫풀 주식회사"
# The demo PetStars (pets' demo seed): name -> (owner email, species).
PETSTARS = {"보리": ("owner@petful.dev", "DOG"), "나비": ("owner2@petful.dev", "CAT")}
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    phase: Phase
    title: str
    product: str
    # recruit_start relative to now, in days; the other dates follow a fixed shape.
    start_days: int
    applicants: dict[str, S]
    reason: str | None = None


PLANS = (
    Plan(Phase.DRAFT, "고양이 스크래처 체험단 (작성 중)", "골판지 스크래처", 10, {}),
    Plan(Phase.PENDING_REVIEW, "강아지 덴탈껌 체험단", "덴탈껌 30개입", 5, {}),
    Plan(
        Phase.REJECTED,
        "반려동물 영양제 체험단",
        "종합 영양제",
        6,
        {},
        "효능을 단정하는 표현(‘질병 치료’)은 광고 심의 기준에 맞지 않습니다.",
    ),
    # 나비 has not applied yet, so the matching service has someone to recommend.
    Plan(
        Phase.RECRUITING,
        "강아지 유산균 2주 체험단",
        "펫 유산균 14포",
        -2,
        {"보리": S.APPLIED},
    ),
    Plan(
        Phase.SELECTING, "캣타워 체험단", "원목 캣타워", -8, {"보리": S.APPLIED, "나비": S.SELECTED}
    ),
    Plan(
        Phase.ANNOUNCED,
        "산책 하네스 체험단",
        "하네스 M",
        -10,
        {"보리": S.SELECTED, "나비": S.NOT_SELECTED},
    ),
    Plan(
        Phase.IN_PROGRESS,
        "자동 급식기 체험단",
        "스마트 급식기",
        -14,
        {"보리": S.CONTENT_SUBMITTED, "나비": S.REVISION_REQUESTED},
    ),
    Plan(
        Phase.REVIEWING,
        "펫 카메라 체험단",
        "홈캠",
        -22,
        {"보리": S.COMPLETED, "나비": S.CONTENT_SUBMITTED},
    ),
    Plan(
        Phase.COMPLETED,
        "수제 간식 체험단",
        "닭가슴살 져키",
        -40,
        {"보리": S.COMPLETED, "나비": S.NO_SHOW},
    ),
    Plan(
        Phase.CANCELLED,
        "펫 드라이룸 체험단",
        "드라이룸",
        -3,
        {},
        "제품 수급 문제로 모집을 취소합니다. 불편을 드려 죄송합니다.",
    ),
)

SELECTED_LIKE = {
    S.SELECTED,
    S.SHIPPED,
    S.CONTENT_SUBMITTED,
    S.REVISION_REQUESTED,
    S.APPROVED,
    S.COMPLETED,
    S.NO_SHOW,
}


def _schedule(now: datetime, start_days: int) -> dict[str, datetime]:
    """Recruit 7 days, announce 2 days later, activity 14 days from the day after."""
    start = (now + start_days * DAY).replace(minute=0, second=0, microsecond=0)
    return {
        "recruit_start": start,
        "recruit_end": start + 7 * DAY,
        "announce_at": start + 9 * DAY,
        "activity_start": start + 10 * DAY,
        "activity_end": start + 24 * DAY,
    }


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    ids: dict[str, str] = demo.get("account_ids", {})
    pets: dict[str, str] = demo.get("pet_ids", {})
    if ADVERTISER not in ids:
        return "nothing to seed without identity ids"
    advertiser = uuid.UUID(ids[ADVERTISER])
    if await repository.count_of_advertiser(session, advertiser):
        return "campaigns already seeded"
    now = utc_now()
    for plan in PLANS:
        await _seed_campaign(session, plan, advertiser, ids, pets, now)
    return f"{len(PLANS)} campaigns"


async def _seed_campaign(
    session: AsyncSession,
    plan: Plan,
    advertiser: uuid.UUID,
    ids: dict[str, str],
    pets: dict[str, str],
    now: datetime,
) -> None:
    dates = _schedule(now, plan.start_days)
    reviewed = plan.phase not in (Phase.DRAFT,)
    approved = plan.phase not in (Phase.DRAFT, Phase.PENDING_REVIEW, Phase.REJECTED)
    campaign = Campaign(
        id=uuid.uuid4(),
        advertiser_user_id=advertiser,
        company_name=COMPANY,
        title=plan.title,
        product_name=plan.product,
        product_description=f"{plan.product}을(를) 2주 동안 사용해 보고 솔직한 후기를 남겨 주세요.",
        image_media_ids=[],
        objective="제품 인지도 향상과 실사용 후기 확보",
        missions=["제품 개봉 영상 또는 사진 1개", "2주 사용 후기 피드 1개"],
        keywords=[plan.product.split()[0], "반려동물"],
        hashtags=["#광고", "#펫풀체험단"],
        requirements=["게시물은 180일 이상 유지", "제품이 잘 보이게 촬영"],
        product_url="https://petful.dev/shop/demo",
        campaign_type="DELIVERY",
        target_species=["DOG", "CAT"],
        headcount=3,
        reward_description=f"{plan.product} 1세트 제공",
        reward_value_krw=39000,
        post_retention_days=180,
        phase=plan.phase.value,
        phase_reason=plan.reason,
        applicant_count=0,
        selected_count=0,
        created_at=now - 30 * DAY,
        updated_at=now,
        submitted_at=now - 2 * DAY if reviewed else None,
        approved_at=dates["recruit_start"] if approved else None,
        **dates,
    )
    await repository.add(session, campaign)
    for name, status in plan.applicants.items():
        if name not in pets or PETSTARS[name][0] not in ids:
            continue
        await _seed_applicant(session, campaign, name, uuid.UUID(pets[name]), ids, status, now)
        campaign.applicant_count += 1
        campaign.selected_count += status in SELECTED_LIKE
    await repository.flush(session)


async def _seed_applicant(
    session: AsyncSession,
    campaign: Campaign,
    name: str,
    pet_id: uuid.UUID,
    ids: dict[str, str],
    status: S,
    now: datetime,
) -> None:
    shipped = status in (S.SHIPPED, S.CONTENT_SUBMITTED, S.REVISION_REQUESTED, S.COMPLETED)
    applicant = Applicant(
        id=uuid.uuid4(),
        campaign_id=campaign.id,
        pet_id=pet_id,
        pet_name=name,
        owner_user_id=uuid.UUID(ids[PETSTARS[name][0]]),
        note=f"{name}는 매일 산책하고 사진 찍히는 걸 좋아해요. 꼼꼼하게 후기 남길게요!",
        status=status.value,
        status_reason="제품 로고가 보이도록 다시 촬영해 주세요."
        if status is S.REVISION_REQUESTED
        else None,
        carrier="CJ대한통운" if shipped else None,
        tracking_number="6300" + pet_id.hex[:8] if shipped else None,
        shipped_at=campaign.activity_start if shipped else None,
        post_url=None,
        created_at=campaign.recruit_start + DAY,
        updated_at=now,
    )
    await repository.add(session, applicant)
    if status not in (S.CONTENT_SUBMITTED, S.REVISION_REQUESTED, S.COMPLETED):
        return
    url = f"https://www.instagram.com/p/Demo{pet_id.hex[:6]}/"
    decision = {S.REVISION_REQUESTED: S.REVISION_REQUESTED, S.COMPLETED: S.APPROVED}.get(status)
    applicant.post_url = url
    if status is S.COMPLETED:
        applicant.likes, applicant.comments = 842, 57
    await repository.add(
        session,
        Submission(
            id=uuid.uuid4(),
            applicant_id=applicant.id,
            url=url,
            submitted_at=min(now, campaign.activity_start + 3 * DAY),
            decision=decision.value if decision else None,
            reason=applicant.status_reason,
            decided_at=min(now, campaign.activity_start + 4 * DAY) if decision else None,
        ),
    )
