"""The real Graph client's comment calls (read with replies and paging, hide/unhide,
delete) against the Instagram sandbox, plus the sandbox's test controls over HTTP, and the
OpenAI-compatible sentiment provider against a local chat-completions server."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from petful.devstack.instagram_sandbox import SandboxServer, long_token
from petful.platform.settings import Settings, SnsSettings
from petful.sns import graph, sentiment
from petful.sns.rules.moderation import Sentiment
from tests.support import free_port, wait_for


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(free_port()) as server:
        yield server


async def _no_sleep(_: float) -> None:
    return None


def client_for(server: SandboxServer, **overrides: object) -> graph.GraphClient:
    sns = SnsSettings(
        graph_base_url=server.url,
        app_id="sandbox-app",
        app_secret=SecretStr("sandbox-secret"),
        media_page_size=2,
        paid_partnership_field="is_paid_partnership",
    )
    return graph.GraphClient(Settings(sns=sns.model_copy(update=overrides)), sleep=_no_sleep)


async def test_comments_with_replies_over_pages(sandbox: SandboxServer) -> None:
    state = sandbox.state
    bori = state.accounts["bori_maltese"]
    media = bori.media[0]
    top = [state.add_comment(media.id, f"comment {i}") for i in range(5)]
    reply = state.add_comment(media.id, "reply!", username="bori_maltese", parent_id=top[0].id)
    expected_top = state.comments_of(media.id)
    token = long_token("bori_maltese")
    async with client_for(sandbox) as client:
        got = await client.comments(media.id, token)  # page size 2: several pages
    tops = [c for c in got if not c.parent_ig_comment_id]
    assert [c.ig_comment_id for c in tops] == [c.id for c in expected_top]
    replies = [c for c in got if c.parent_ig_comment_id]
    assert reply.id in {c.ig_comment_id for c in replies}
    mine = next(c for c in replies if c.ig_comment_id == reply.id)
    assert (mine.parent_ig_comment_id, mine.username, mine.text) == (
        top[0].id,
        "bori_maltese",
        "reply!",
    )
    assert all(c.ig_media_id == media.id for c in got)
    assert not any(c.hidden for c in got)


async def test_a_long_reply_thread_is_read_to_the_end(sandbox: SandboxServer) -> None:
    state = sandbox.state
    state.nested_replies_limit = 3  # the nested field shows 3; the rest come from /replies
    media = state.accounts["bori_maltese"].media[0]
    top = state.add_comment(media.id, "질문 있어요")
    thread = [state.add_comment(media.id, f"답글 {i}", parent_id=top.id) for i in range(8)]
    async with client_for(sandbox) as client:
        got = await client.comments(media.id, long_token("bori_maltese"))
    replies = [c.ig_comment_id for c in got if c.parent_ig_comment_id == top.id]
    assert replies == [r.id for r in thread]


async def test_hide_unhide_delete(sandbox: SandboxServer) -> None:
    state = sandbox.state
    media = state.accounts["kongi_cat"].media[0]
    c = state.add_comment(media.id, "바 보")
    token = long_token("kongi_cat")
    async with client_for(sandbox) as client:
        await client.hide_comment(c.id, token, hide=True)
        assert state.comments[c.id].hidden
        listed = {x.ig_comment_id: x for x in await client.comments(media.id, token)}
        assert listed[c.id].hidden  # the owner still sees hidden comments, flagged
        await client.hide_comment(c.id, token, hide=False)
        assert not state.comments[c.id].hidden
        before = (await client.media("17841400000000002", token))[0].comments_count
        await client.delete_comment(c.id, token)
        assert state.comments[c.id].deleted
        assert c.id not in {x.ig_comment_id for x in await client.comments(media.id, token)}
        after = (await client.media("17841400000000002", token))[0].comments_count
        assert after == before - 1
        # a deleted comment is gone; someone else's comment cannot be moderated
        with pytest.raises(graph.GraphError) as gone:
            await client.delete_comment(c.id, token)
        assert gone.value.code == 100
        other = state.add_comment(media.id, "hello")
        with pytest.raises(graph.GraphError) as denied:
            await client.hide_comment(other.id, long_token("bori_maltese"), hide=True)
        assert denied.value.code == 10
        # a revoked token is TokenInvalid on writes too
        state.revoke("kongi_cat")
        with pytest.raises(graph.TokenInvalid):
            await client.hide_comment(other.id, token, hide=True)


async def test_sandbox_http_controls_add_posts_and_comments(sandbox: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url) as http:
        r = await http.post(
            "/__sandbox__/media",
            json={
                "handle": "bori_maltese",
                "caption": "새 간식 리뷰 #협찬",
                "kind": "reel",
                "like_count": 321,
                "paid_partnership": True,
            },
        )
        assert r.status_code == 201, r.text
        post = r.json()
        assert post["permalink"].startswith("https://www.instagram.com/reel/")
        r = await http.post(
            "/__sandbox__/comments", json={"media_id": post["id"], "text": "멋져요"}
        )
        assert r.status_code == 201, r.text
        assert (await http.post("/__sandbox__/media", json={"handle": "nobody"})).status_code == 404
    bori = sandbox.state.accounts["bori_maltese"]
    async with client_for(sandbox) as client:
        media = await client.media(bori.ig_user_id, long_token("bori_maltese"))
        newest = media[0]
        assert (newest.ig_media_id, newest.caption, newest.like_count) == (
            post["id"],
            "새 간식 리뷰 #협찬",
            321,
        )
        assert newest.paid_partnership is True
        assert newest.comments_count == 1
        assert [c.text for c in await client.comments(post["id"], long_token("bori_maltese"))] == [
            "멋져요"
        ]
    # without the paid-partnership field configured, it is not asked for (nor reported)
    async with client_for(sandbox, paid_partnership_field="") as client:
        media = await client.media(bori.ig_user_id, long_token("bori_maltese"))
        assert media[0].paid_partnership is False


# --- the chat-completions sentiment provider ---------------------------------------------------


class ChatServer:
    """A local server speaking the OpenAI chat-completions wire format."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.answer = "NEGATIVE"
        self.status = 200

        async def completions(request: Request) -> JSONResponse:
            body = await request.json()
            self.requests.append(body)
            self.headers.append(dict(request.headers))
            if self.status != 200:
                return JSONResponse({"error": {"message": "overloaded"}}, status_code=self.status)
            return JSONResponse(
                {
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": self.answer},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11},
                }
            )

        app = Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> ChatServer:
        self.task = asyncio.create_task(self.server.serve())

        async def started() -> bool:
            return bool(self.server.started)

        await wait_for(started, within=10)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


async def test_chat_completions_classifier() -> None:
    async with ChatServer(free_port()) as chat:
        settings = Settings(
            sns=SnsSettings(
                sentiment_provider="chat_completions",
                sentiment_base_url=f"http://127.0.0.1:{chat.port}/v1",
                sentiment_api_key=SecretStr("sk-test"),
                sentiment_model="gpt-test",
            )
        )
        classifier = sentiment.classifier_from_settings(settings)
        assert isinstance(classifier, sentiment.ChatCompletionsClassifier)
        assert await classifier.classify("광고 그만") is Sentiment.NEGATIVE
        body = chat.requests[-1]
        assert body["model"] == "gpt-test"
        assert [m["role"] for m in body["messages"]] == ["system", "user"]
        assert "광고 그만" in body["messages"][1]["content"]
        assert chat.headers[-1]["authorization"] == "Bearer sk-test"
        chat.answer = "Positive."
        assert await classifier.classify("귀여워") is Sentiment.POSITIVE
        chat.answer = "I cannot tell"
        assert await classifier.classify("???") is Sentiment.NEUTRAL
        # a failing provider: an error, and the sync helper falls back to the lexicon
        chat.status = 503
        with pytest.raises(sentiment.SentimentUnavailable):
            await classifier.classify("귀여워요")
        assert await sentiment.classify_or_fallback(classifier, "귀여워요") is Sentiment.POSITIVE
    assert json.dumps(body)  # the request was plain JSON
    with pytest.raises(sentiment.SentimentNotConfigured):
        sentiment.classifier_from_settings(
            Settings(sns=SnsSettings(sentiment_provider="chat_completions"))
        )
