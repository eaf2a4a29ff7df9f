"""SnsService posts, analytics and comment moderation over real gRPC, PostgreSQL and Redis,
with the real Graph client against the Instagram sandbox (fixture from test_sns_api)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import grpc
import pytest
import sqlalchemy as sa

from petful.contracts import sns as contract
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.platform.auth_context import Principal, service_principal
from petful.platform.db import transaction
from petful.sns.models import Account, Comment, InsightMonth
from petful.sns.rules.moderation import banned_hits, ratio
from petful.sns.rules.posts import is_sponsored
from tests.integration.conftest import outbox_payloads
from tests.integration.test_sns_api import Sns, fields, person, refused
from tests.integration.test_sns_api import sns as sns


async def sync(sns: Sns, who: Principal, account_id: str) -> pb.Account:
    sns.clock.advance(timedelta(minutes=5))
    with sns.as_(who) as stub:
        account: pb.Account = await stub.SyncAccount(pb.SyncAccountRequest(account_id=account_id))
    return account


async def comment_rows(account_id: str) -> dict[str, Comment]:
    async with transaction() as session:
        rows = await session.execute(
            sa.select(Comment).where(Comment.account_id == uuid.UUID(account_id))
        )
        return {c.ig_comment_id: c for c in rows.scalars()}


async def all_comments(sns: Sns, who: Principal, account_id: str, **kw: object) -> list[pb.Comment]:
    out: list[pb.Comment] = []
    cursor = ""
    with sns.as_(who) as stub:
        while True:
            page = await stub.ListComments(
                pb.ListCommentsRequest(account_id=account_id, cursor=cursor, page_size=7, **kw)
            )
            out.extend(page.comments)
            if not page.next_cursor:
                return out
            cursor = page.next_cursor


# --- posts -----------------------------------------------------------------------------------


async def test_get_post_by_url(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    state = sns.sandbox.state
    reel = state.add_media("bori_maltese", "보리랑 새 간식 #광고", kind="reel", like_count=777)
    url = reel.permalink + "?igsh=abc123"
    request = pb.GetPostByUrlRequest(account_id=account.id, url=url)
    with sns.as_(owner) as stub:
        missing = await refused(stub.GetPostByUrl(request))
    assert missing.code() == grpc.StatusCode.NOT_FOUND  # not synced yet
    await sync(sns, owner, account.id)
    with sns.as_(owner) as stub:
        post = await stub.GetPostByUrl(request)
    # the re-sync announced the new post (only it: the first sync announces nothing)
    (payload,) = await outbox_payloads(contract.POST_PUBLISHED.name, "sns")
    published = contract.POST_PUBLISHED.parse(payload)
    assert str(published.account_id) == account.id
    assert (published.post.ig_media_id, published.post.permalink) == (reel.id, reel.permalink)
    assert (published.post.like_count, published.post.paid_partnership) == (777, True)
    assert (post.account_id, post.ig_media_id, post.permalink) == (
        account.id,
        reel.id,
        reel.permalink,
    )
    assert (post.caption, post.like_count, post.comments_count) == ("보리랑 새 간식 #광고", 777, 0)
    assert post.paid_partnership is True  # the disclosure hashtag
    assert post.HasField("posted_at")
    assert post.HasField("synced_at")
    for who in (person("ADMIN"), service_principal("campaigns")):
        with sns.as_(who) as stub:
            assert (await stub.GetPostByUrl(request)).ig_media_id == reel.id
    # an older post by its /p/ link, without the trailing slash
    old = state.accounts["bori_maltese"].media[5]
    with sns.as_(owner) as stub:
        got = await stub.GetPostByUrl(
            pb.GetPostByUrlRequest(account_id=account.id, url=old.permalink.rstrip("/"))
        )
    assert got.ig_media_id == old.id
    assert got.paid_partnership is is_sponsored(old.caption, old.paid_partnership)

    with sns.as_(person()) as stub:
        hidden = await refused(stub.GetPostByUrl(request))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    # another account's post is not this account's
    kongi = await sns.link(owner, "kongi_cat")
    with sns.as_(owner) as stub:
        other = await refused(
            stub.GetPostByUrl(pb.GetPostByUrlRequest(account_id=kongi.id, url=reel.permalink))
        )
        assert other.code() == grpc.StatusCode.NOT_FOUND
        bad = await refused(
            stub.GetPostByUrl(
                pb.GetPostByUrlRequest(account_id="x", url="https://example.com/p/abc/")
            )
        )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"account_id", "url"}


async def test_get_post_figures(sns: Sns) -> None:
    owner = person()
    bori = await sns.link(owner, "bori_maltese")
    kongi = await sns.link(person(), "kongi_cat")
    bori_post = sns.sandbox.state.accounts["bori_maltese"].media[0]
    kongi_post = sns.sandbox.state.accounts["kongi_cat"].media[1]
    unknown = "https://www.instagram.com/p/UnknownCode1/"
    campaigns = service_principal("campaigns")
    with sns.as_(campaigns) as stub:
        figures = await stub.GetPostFigures(
            pb.GetPostFiguresRequest(urls=[kongi_post.permalink, unknown, bori_post.permalink])
        )
    assert [(p.account_id, p.ig_media_id) for p in figures.posts] == [
        (kongi.id, kongi_post.id),
        (bori.id, bori_post.id),
    ]
    assert figures.posts[1].like_count == bori_post.like_count
    with sns.as_(person("ADMIN")) as stub:
        only = await stub.GetPostFigures(
            pb.GetPostFiguresRequest(
                urls=[kongi_post.permalink, bori_post.permalink], account_id=bori.id
            )
        )
    assert [p.ig_media_id for p in only.posts] == [bori_post.id]
    with sns.as_(owner) as stub:
        denied = await refused(
            stub.GetPostFigures(pb.GetPostFiguresRequest(urls=[bori_post.permalink]))
        )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    with sns.as_(campaigns) as stub:
        bad = await refused(stub.GetPostFigures(pb.GetPostFiguresRequest(urls=["nope"])))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"urls"}


# --- analytics -------------------------------------------------------------------------------


async def test_analytics_stored_per_sync(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "nabi_russianblue")
    nabi = sns.sandbox.state.accounts["nabi_russianblue"]
    request = pb.GetAccountAnalyticsRequest(account_id=account.id)
    with sns.as_(owner) as stub:
        analytics = await stub.GetAccountAnalytics(request)
        metrics = await stub.GetAccountMetrics(pb.GetAccountMetricsRequest(account_id=account.id))
    assert analytics.engagement_rate == pytest.approx(metrics.engagement_rate)
    assert analytics.followers_count == nabi.followers_count
    assert analytics.source == "sandbox"
    assert analytics.HasField("computed_at")
    now = sns.clock()
    recent = [m for m in nabi.media if now - timedelta(days=30) < m.timestamp <= now]
    assert analytics.max_likes == max(m.like_count for m in recent)
    assert analytics.avg_likes == pytest.approx(
        sum(m.like_count for m in recent) / len(recent), abs=0.01
    )
    top = sorted(nabi.media, key=lambda m: (m.like_count + m.comments_count, m.timestamp))[-3:]
    assert [p.ig_media_id for p in analytics.top_posts] == [m.id for m in reversed(top)]
    sponsored = [m for m in nabi.media if is_sponsored(m.caption, m.paid_partnership)]
    assert (analytics.sponsored_posts, analytics.organic_posts) == (
        len(sponsored),
        len(nabi.media) - len(sponsored),
    )
    assert analytics.paid_vs_organic_engagement > 0
    assert 0 <= analytics.credibility.score <= 100
    assert analytics.credibility.follower_following_ratio == pytest.approx(
        round(nabi.followers_count / nabi.follows_count, 2)
    )
    assert [m.month for m in analytics.follower_growth] == [now.strftime("%Y-%m")]
    # six months of insights on link; every sandbox post (120 days) falls in them
    assert len(analytics.insights) == 6
    assert sum(i.likes for i in analytics.insights) == sum(m.like_count for m in nabi.media)
    async with transaction() as session:
        count = await session.scalar(
            sa.select(sa.func.count())
            .select_from(InsightMonth)
            .where(InsightMonth.account_id == uuid.UUID(account.id))
        )
    assert count == 6
    # recomputed at the next sync (a new post changes the figures)
    sns.sandbox.state.add_media("nabi_russianblue", "huge #ad", like_count=99_999)
    await sync(sns, owner, account.id)
    with sns.as_(service_principal("matching")) as stub:
        again = await stub.GetAccountAnalytics(request)
    assert again.max_likes == 99_999
    assert again.top_posts[0].caption == "huge #ad"
    assert again.computed_at.ToDatetime() > analytics.computed_at.ToDatetime()
    with sns.as_(person()) as stub:
        hidden = await refused(stub.GetAccountAnalytics(request))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND


# --- comments and moderation -----------------------------------------------------------------


async def test_comments_synced_on_link_and_stats(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    state = sns.sandbox.state
    bori = state.accounts["bori_maltese"]
    expected = [c for m in bori.media for c in state.comments.values() if c.media_id == m.id]
    rows = await comment_rows(account.id)
    assert set(rows) == {c.id for c in expected}
    assert any(r.parent_ig_comment_id for r in rows.values())  # replies too
    assert all(r.state == "VISIBLE" for r in rows.values())  # auto-moderation is off
    stats_request = pb.GetModerationStatsRequest(account_id=account.id)
    with sns.as_(owner) as stub:
        settings = await stub.GetModerationSettings(
            pb.GetModerationSettingsRequest(account_id=account.id)
        )
        stats = await stub.GetModerationStats(stats_request)
    assert (settings.auto_moderation, settings.action) == (False, pb.MODERATION_ACTION_HIDE)
    assert stats.total_comments == len(expected)
    assert (stats.moderated_comments, stats.moderated_rate, stats.banned_word_comments) == (0, 0, 0)
    assert stats.positive_ratio + stats.negative_ratio + stats.neutral_ratio == pytest.approx(
        100, abs=0.2
    )
    with sns.as_(owner) as stub:
        # banned words count comments (not words), against the current list
        await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(
                account_id=account.id, banned_words=["바보", "광고", "같은"]
            )
        )
        stats = await stub.GetModerationStats(stats_request)
    hit = [c for c in expected if banned_hits(c.text, ["바보", "광고", "같은"])]
    assert stats.banned_word_comments == len(hit) > 0


async def test_auto_moderation_and_resync_never_undoes(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "kongi_cat")
    state = sns.sandbox.state
    media = state.accounts["kongi_cat"].media[0]
    with sns.as_(owner) as stub:
        conf = await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(
                account_id=account.id,
                auto_moderation=True,
                action=pb.MODERATION_ACTION_HIDE,
                moderate_negative=True,
                banned_words=["바보", " 바 보 "],
            )
        )
    assert list(conf.banned_words) == ["바보"]
    (changed,) = await outbox_payloads(contract.MODERATION_SETTINGS_CHANGED.name, "sns")
    assert changed["auto_moderation"] is True
    spaced = state.add_comment(media.id, "진짜 바 보 같아")
    jamo = state.add_comment(media.id, "ㅂㅏ보")
    negative = state.add_comment(media.id, "최악이에요 실망 👎")
    fine = state.add_comment(media.id, "너무 귀여워요 😍")
    own = state.add_comment(media.id, "바보들아 고마워", username="kongi_cat")
    await sync(sns, owner, account.id)

    rows = await comment_rows(account.id)
    for c in (spaced, jamo, negative):
        assert state.comments[c.id].hidden, c.text
        assert rows[c.id].state == "HIDDEN"
        assert rows[c.id].moderated_at is not None
    assert rows[spaced.id].moderation_reason == "banned_word:바보"
    assert rows[negative.id].moderation_reason == "negative"
    assert rows[negative.id].sentiment == "NEGATIVE"
    assert rows[fine.id].state == "VISIBLE"
    assert rows[own.id].state == "VISIBLE"  # the account's own comments are left alone
    assert not state.comments[fine.id].hidden
    log_request = pb.ListModerationLogRequest(account_id=account.id)
    with sns.as_(owner) as stub:
        log = await stub.ListModerationLog(log_request)
    assert {(e.comment_id, e.by) for e in log.entries} == {
        (str(rows[c.id].id), "rule") for c in (spaced, jamo, negative)
    }
    events = await outbox_payloads(contract.COMMENT_MODERATED.name, "sns")
    assert {e["ig_comment_id"] for e in events} == {spaced.id, jamo.id, negative.id}
    assert all(e["by"] == "rule" and e["action"] == "HIDE" for e in events)

    # someone unhides them on Instagram behind our back, another comment is deleted
    # manually: a re-sync keeps every decision (the original reset them)
    with sns.as_(owner) as stub:
        manual = await stub.ModerateComment(
            pb.ModerateCommentRequest(
                comment_id=str(rows[fine.id].id), action=pb.MODERATION_ACTION_DELETE
            )
        )
    assert manual.state == pb.COMMENT_STATE_DELETED
    for c in (spaced, jamo, negative):
        state.comments[c.id].hidden = False
    state.add_comment(media.id, "새 댓글")  # the comment count changes: comments re-read
    await sync(sns, owner, account.id)
    await sync(sns, owner, account.id)
    again = await comment_rows(account.id)
    for c in (spaced, jamo, negative):
        assert again[c.id].state == "HIDDEN"
        assert again[c.id].moderated_at == rows[c.id].moderated_at
    assert again[fine.id].state == "DELETED"
    with sns.as_(owner) as stub:
        log = await stub.ListModerationLog(log_request)
        assert len(log.entries) == 4  # nothing was decided twice
        stats = await stub.GetModerationStats(pb.GetModerationStatsRequest(account_id=account.id))
    assert (stats.hidden_comments, stats.deleted_comments, stats.moderated_comments) == (3, 1, 4)
    assert stats.moderated_rate == ratio(4, stats.total_comments)


async def test_delete_action_setting(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "dubu_corgi")
    state = sns.sandbox.state
    media = state.accounts["dubu_corgi"].media[0]
    with sns.as_(owner) as stub:
        await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(
                account_id=account.id,
                auto_moderation=True,
                action=pb.MODERATION_ACTION_DELETE,
                banned_words=["사기"],
            )
        )
    scam = state.add_comment(media.id, "이거 완전 사.기 아님?")
    await sync(sns, owner, account.id)
    assert state.comments[scam.id].deleted
    assert (await comment_rows(account.id))[scam.id].state == "DELETED"


async def test_manual_moderation_and_ownership(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    state = sns.sandbox.state
    rows = await comment_rows(account.id)
    target = next(r for r in rows.values() if not r.parent_ig_comment_id)
    comment_id = str(target.id)

    def req(action: int) -> pb.ModerateCommentRequest:
        sns.clock.advance(timedelta(seconds=1))  # log entries at distinct times
        return pb.ModerateCommentRequest(comment_id=comment_id, action=action)  # type: ignore[arg-type]

    with sns.as_(person()) as stub:
        stranger = await refused(stub.ModerateComment(req(pb.MODERATION_ACTION_HIDE)))
    assert stranger.code() == grpc.StatusCode.NOT_FOUND
    with sns.as_(person("ADMIN")) as stub:
        admin = await refused(stub.ModerateComment(req(pb.MODERATION_ACTION_HIDE)))
    assert admin.code() == grpc.StatusCode.PERMISSION_DENIED
    with sns.as_(owner) as stub:
        hidden = await stub.ModerateComment(req(pb.MODERATION_ACTION_HIDE))
        assert (hidden.state, hidden.moderation_reason) == (pb.COMMENT_STATE_HIDDEN, "manual")
        assert state.comments[target.ig_comment_id].hidden
        twice = await refused(stub.ModerateComment(req(pb.MODERATION_ACTION_HIDE)))
        assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION
        shown = await stub.ModerateComment(req(pb.MODERATION_ACTION_UNHIDE))
        assert shown.state == pb.COMMENT_STATE_VISIBLE
        assert not state.comments[target.ig_comment_id].hidden
        gone = await stub.ModerateComment(req(pb.MODERATION_ACTION_DELETE))
        assert gone.state == pb.COMMENT_STATE_DELETED
        assert state.comments[target.ig_comment_id].deleted
        final = await refused(stub.ModerateComment(req(pb.MODERATION_ACTION_UNHIDE)))
        assert final.code() == grpc.StatusCode.FAILED_PRECONDITION
        log = await stub.ListModerationLog(pb.ListModerationLogRequest(account_id=account.id))
    assert [e.action for e in log.entries] == [
        pb.MODERATION_ACTION_DELETE,
        pb.MODERATION_ACTION_UNHIDE,
        pb.MODERATION_ACTION_HIDE,
    ]
    assert {e.by_user_id for e in log.entries} == {owner.user_id}
    with sns.as_(owner) as stub:
        bad = await refused(stub.ModerateComment(pb.ModerateCommentRequest(comment_id="x")))
        assert fields(bad) == {"comment_id", "action"}
        unknown = await refused(
            stub.ModerateComment(
                pb.ModerateCommentRequest(
                    comment_id=str(uuid.uuid4()), action=pb.MODERATION_ACTION_HIDE
                )
            )
        )
    assert unknown.code() == grpc.StatusCode.NOT_FOUND


async def test_comment_search_filters_sort_and_paging(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "nabi_russianblue")
    rows = await comment_rows(account.id)
    everything = await all_comments(sns, owner, account.id)
    assert len(everything) == len(rows)
    assert len({c.id for c in everything}) == len(rows)  # no duplicates across pages
    times = [c.posted_at.ToDatetime() for c in everything]
    assert times == sorted(times, reverse=True)
    oldest = await all_comments(sns, owner, account.id, sort=pb.COMMENT_SORT_OLDEST)
    assert [c.id for c in oldest] == [c.id for c in reversed(everything)]
    liked = await all_comments(sns, owner, account.id, sort=pb.COMMENT_SORT_MOST_LIKED)
    likes = [c.like_count for c in liked]
    assert likes == sorted(likes, reverse=True)
    negative = await all_comments(sns, owner, account.id, sentiment=pb.SENTIMENT_NEGATIVE)
    assert {c.id for c in negative} == {
        str(r.id) for r in rows.values() if r.sentiment == "NEGATIVE"
    }
    text = await all_comments(sns, owner, account.id, text="CUTE")
    assert {c.id for c in text} == {str(r.id) for r in rows.values() if "cute" in r.text.lower()}
    assert text  # the sandbox has "So cute!!" comments
    first = everything[0]
    with sns.as_(owner) as stub:
        await stub.ModerateComment(
            pb.ModerateCommentRequest(comment_id=first.id, action=pb.MODERATION_ACTION_HIDE)
        )
    moderated = await all_comments(sns, owner, account.id, moderated="yes")
    assert [c.id for c in moderated] == [first.id]
    visible = await all_comments(sns, owner, account.id, moderated="no")
    assert len(visible) == len(rows) - 1
    with sns.as_(owner) as stub:
        bad = await refused(
            stub.ListComments(
                pb.ListCommentsRequest(
                    account_id=account.id, page_size=500, cursor="zz", moderated="?"
                )
            )
        )
    assert fields(bad) == {"page_size", "cursor", "moderated"}
    with sns.as_(person()) as stub:
        hidden = await refused(stub.ListComments(pb.ListCommentsRequest(account_id=account.id)))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND


async def test_settings_validation(sns: Sns) -> None:
    owner = person()
    account = await sns.link(
        owner, "coco_poodle", sns.sandbox.state.accounts["coco_poodle"].ig_user_id
    )
    with sns.as_(owner) as stub:
        bad = await refused(
            stub.UpdateModerationSettings(
                pb.UpdateModerationSettingsRequest(
                    account_id=account.id, action=pb.MODERATION_ACTION_UNHIDE, banned_words=["!!!"]
                )
            )
        )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"action", "banned_words"}
    with sns.as_(person()) as stub:
        other = await refused(
            stub.UpdateModerationSettings(pb.UpdateModerationSettingsRequest(account_id=account.id))
        )
    assert other.code() == grpc.StatusCode.NOT_FOUND


async def test_sync_refreshes_a_token_close_to_expiry(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "tiny_hamster")
    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(account.id))
        assert row is not None
        far = row.token_expires_at
        row.token_expires_at = sns.clock() + timedelta(days=3)
        old_cipher = bytes(row.token_ciphertext or b"")
    synced = await sync(sns, owner, account.id)
    assert (synced.status, synced.last_sync_error) == (pb.ACCOUNT_STATUS_LINKED, "")
    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(account.id))
        assert row is not None
        assert row.token_expires_at is not None
        assert far is not None
        assert row.token_expires_at > sns.clock() + timedelta(days=59)
        assert bytes(row.token_ciphertext or b"") != old_cipher
    # a token Instagram no longer accepts at refresh time: the account needs re-auth
    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(account.id))
        assert row is not None
        row.token_expires_at = sns.clock() + timedelta(days=1)
    sns.sandbox.state.revoke("tiny_hamster")
    synced = await sync(sns, owner, account.id)
    assert synced.status == pb.ACCOUNT_STATUS_NEEDS_REAUTH


async def test_sync_is_idempotent(sns: Sns) -> None:
    """Two syncs with nothing new on Instagram leave the same rows."""
    owner = person()
    account = await sns.link(
        owner, "coco_poodle", sns.sandbox.state.accounts["coco_poodle"].ig_user_id
    )
    with sns.as_(owner) as stub:
        await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(
                account_id=account.id, auto_moderation=True, banned_words=["광고"]
            )
        )
    tables = ("media", "comments", "insights_monthly", "follower_history", "moderation_log")

    async def snapshot() -> dict[str, list[tuple[object, ...]]]:
        out: dict[str, list[tuple[object, ...]]] = {}
        async with transaction() as session:
            for table in tables:
                cols = {
                    "media": "ig_media_id, like_count, comments_count, shortcode",
                    "comments": "ig_comment_id, state, sentiment, text, moderated_at",
                    "insights_monthly": "month, likes, comments, shares, views, reach",
                    "follower_history": "day, followers",
                    "moderation_log": "comment_id, action, reason",
                }[table]
                result = await session.execute(
                    sa.text(f"SELECT {cols} FROM sns.{table} WHERE account_id = :a ORDER BY 1, 2"),
                    {"a": uuid.UUID(account.id)},
                )
                out[table] = [tuple(r) for r in result]
        return out

    await sync(sns, owner, account.id)
    first = await snapshot()
    await sync(sns, owner, account.id)
    assert await snapshot() == first
    assert first["comments"]
    # the first re-sync auto-moderated nothing: comments seen at link are not re-judged
    assert first["moderation_log"] == []

    with sns.as_(owner) as stub:
        await stub.UnlinkAccount(pb.UnlinkAccountRequest(account_id=account.id))
    assert all(rows == [] for rows in (await snapshot()).values())


async def test_banned_words_add_and_remove(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    add = pb.BannedWordsRequest(account_id=account.id, words=["바보", "사기"])
    with sns.as_(owner) as stub:
        conf = await stub.AddBannedWords(add)
        assert list(conf.banned_words) == ["바보", "사기"]
        assert conf.auto_moderation is False  # the rest of the settings keep their defaults
        conf = await stub.AddBannedWords(
            pb.BannedWordsRequest(account_id=account.id, words=["바 보", "광고"])
        )
        assert list(conf.banned_words) == ["바보", "사기", "광고"]  # "바 보" is "바보"
        conf = await stub.RemoveBannedWords(
            pb.BannedWordsRequest(account_id=account.id, words=["ㅂㅏ보", "없음"])
        )
        assert list(conf.banned_words) == ["사기", "광고"]
        bad = await refused(stub.AddBannedWords(pb.BannedWordsRequest(account_id=account.id)))
        assert fields(bad) == {"words"}
    with sns.as_(person()) as stub:
        other = await refused(stub.AddBannedWords(add))
    assert other.code() == grpc.StatusCode.NOT_FOUND


async def test_an_action_instagram_refused_is_retried_at_the_next_sync(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "kongi_cat")
    state = sns.sandbox.state
    media = state.accounts["kongi_cat"].media[0]
    with sns.as_(owner) as stub:
        await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(
                account_id=account.id, auto_moderation=True, banned_words=["바보"]
            )
        )
    rude = state.add_comment(media.id, "바보 같은 사진")
    state.failing_writes = 100  # Instagram is having a bad day: every hide fails
    await sync(sns, owner, account.id)
    rows = await comment_rows(account.id)
    assert rows[rude.id].state == "VISIBLE"
    assert rows[rude.id].pending_action == "HIDE"
    assert not state.comments[rude.id].hidden
    state.failing_writes = 0
    await sync(sns, owner, account.id)
    rows = await comment_rows(account.id)
    assert rows[rude.id].state == "HIDDEN"
    assert rows[rude.id].pending_action is None
    assert state.comments[rude.id].hidden
    events = await outbox_payloads(contract.COMMENT_MODERATED.name, "sns")
    assert [e["ig_comment_id"] for e in events] == [rude.id]
