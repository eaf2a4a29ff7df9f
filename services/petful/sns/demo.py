"""Demo Instagram accounts for the local platform (`petful seed`): sandbox accounts linked
for the demo owners, with profile, media and follower history written directly from the
sandbox's deterministic data (no HTTP at seed time). Idempotent.

The sns service cannot read identity's accounts: the seeder hands over the demo account
ids (`demo["account_ids"]`, by email). For the pets seed, which runs next, this puts
`demo["sns_account_ids"]` (email -> [sns account id]) and `demo["sns_accounts"]`
(email -> [{id, username, followers_count, engagement_rate}]), in link order.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform.settings import get_settings
from petful.sns import repository, sentiment
from petful.sns.crypto import TokenBox
from petful.sns.models import Account, Comment
from petful.sns.rules.accounts import SOURCE_SANDBOX, AccountStatus
from petful.sns.rules.analytics import insight_windows, months_back
from petful.sns.rules.metrics import Post, engagement_rate
from petful.sns.rules.moderation import CommentState
from petful.sns.sandbox_catalog import (
    SandboxAccount,
    anchor_of,
    build_accounts,
    insight_totals,
    long_token,
    seeded_comments,
)
from petful.sns.service.access import utc_now
from petful.sns.service.analytics import compute_and_store_analytics

# Demo owner -> sandbox handles, in the order the pets seed attaches them to pets.
DEMO_LINKS: dict[str, tuple[str, ...]] = {
    "owner@petful.dev": ("bori_maltese", "kongi_cat"),
    "owner2@petful.dev": ("nabi_russianblue",),
    "owner3@petful.dev": ("dubu_corgi",),
}
HISTORY_DAYS = 180
INSIGHT_MONTHS = 6


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    ids: dict[str, str] = demo.get("account_ids", {})
    settings = get_settings()
    box = TokenBox.from_settings(settings)
    sandbox = build_accounts()
    comments = seeded_comments(sandbox, anchor_of())
    created = 0
    account_ids: dict[str, list[str]] = {}
    summaries: dict[str, list[dict[str, Any]]] = {}
    for email, handles in DEMO_LINKS.items():
        if email not in ids:
            continue
        owner = uuid.UUID(ids[email])
        for handle in handles:
            data = sandbox[handle]
            account = await repository.active_by_ig_user(session, data.ig_user_id)
            if account is None:
                account = await _link(session, box, owner, data)
                await _history(session, account, data, list(comments.values()))
                created += 1
            elif account.owner_user_id != owner:
                continue  # someone linked it by hand: leave it alone
            posts = [Post(m.id, m.timestamp, m.like_count, m.comments_count) for m in data.media]
            rate = engagement_rate(
                posts, account.followers_count, last_n=settings.sns.engagement_posts
            )
            account_ids.setdefault(email, []).append(str(account.id))
            summaries.setdefault(email, []).append(
                {
                    "id": str(account.id),
                    "username": account.username,
                    "followers_count": account.followers_count,
                    "engagement_rate": rate,
                    # The newest posts, as a sync event would carry them (pets keeps them).
                    "recent_posts": [
                        {
                            "permalink": m.permalink,
                            "caption": m.caption,
                            "posted_at": m.timestamp.isoformat(),
                            "like_count": m.like_count,
                            "comments_count": m.comments_count,
                            "paid_partnership": m.paid_partnership,
                        }
                        for m in sorted(data.media, key=lambda m: m.timestamp, reverse=True)[
                            : contract.RECENT_POSTS_MAX
                        ]
                    ],
                }
            )
    demo["sns_account_ids"] = account_ids
    demo["sns_accounts"] = summaries
    return f"{created} sandbox Instagram accounts linked" if created else "sns accounts present"


async def _link(
    session: AsyncSession, box: TokenBox, owner: uuid.UUID, data: SandboxAccount
) -> Account:
    now = utc_now()
    account_id = uuid.uuid4()
    sealed = box.seal(long_token(data.handle), context=str(account_id))
    account = Account(
        id=account_id,
        owner_user_id=owner,
        ig_user_id=data.ig_user_id,
        username=data.handle,
        name=data.name,
        biography=data.biography,
        profile_picture_url=data.profile_picture_url,
        followers_count=data.followers_count,
        follows_count=data.follows_count,
        media_count=data.media_count,
        source=SOURCE_SANDBOX,
        status=AccountStatus.LINKED.value,
        token_ciphertext=sealed.ciphertext,
        token_key_id=sealed.key_id,
        token_expires_at=now + timedelta(days=60),
        last_synced_at=now,
        last_sync_error="",
        created_at=now,
        updated_at=now,
    )
    await repository.add(session, account)
    await repository.upsert_media(
        session,
        account.id,
        [
            {
                "ig_media_id": m.id,
                "caption": m.caption,
                "media_type": m.media_type,
                "permalink": m.permalink,
                "posted_at": m.timestamp,
                "like_count": m.like_count,
                "comments_count": m.comments_count,
                "shortcode": contract.shortcode_of(m.permalink) or "",
                "paid_partnership": m.paid_partnership,
            }
            for m in data.media
        ],
        now,
    )
    # Six months of slow growth up to today's count.
    for back in range(HISTORY_DAYS, -1, -1):
        followers = max(0, data.followers_count - back * max(1, data.followers_count // 2000))
        await repository.record_followers(
            session, account.id, (now - timedelta(days=back)).date(), followers
        )
    return account


async def _history(
    session: AsyncSession, account: Account, data: SandboxAccount, comments: list[Any]
) -> None:
    """Comments (classified by the offline lexicon), six months of insights and the
    analytics, as a first sync would store them."""
    now = utc_now()
    media_ids = {m.id for m in data.media}
    for c in comments:
        if c.media_id not in media_ids:
            continue
        await repository.add_row(
            session,
            Comment(
                id=uuid.uuid4(),
                account_id=account.id,
                ig_comment_id=c.id,
                ig_media_id=c.media_id,
                parent_ig_comment_id=c.parent_id,
                username=c.username,
                text=c.text,
                like_count=c.like_count,
                posted_at=c.timestamp,
                sentiment=sentiment.lexicon_sentiment(c.text).value,
                state=CommentState.VISIBLE.value,
                banned_hits=[],
                moderation_reason="",
                first_seen_at=now,
                synced_at=now,
            ),
        )
    for month in months_back(now.date(), INSIGHT_MONTHS):
        start = datetime(month.year, month.month, 1, tzinfo=UTC)
        end = datetime(*(insight_windows(month)[1][1].timetuple()[:3]), tzinfo=UTC)
        values = insight_totals(data, start, min(end, now))
        await repository.upsert_insight(session, account.id, month, values, now)
    await compute_and_store_analytics(session, account, settings=get_settings(), now=now)
