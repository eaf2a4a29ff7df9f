"""Request and response bodies of the user-report routes, and their protobuf mapping.

Shapes and size caps are checked here (422 naming the field); the service re-checks every
rule and owns the state (404 unknown reports, 409 a second open report or a decided one).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, Instant, reason_field
from petful.pb.community.v1 import posts_pb2 as posts_pb
from petful.pb.community.v1 import reports_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

Reason = reason_field("repeated spam in the community")

ReportTargetType = Literal["USER", "POST", "COMMENT"]
# The fixed report categories: SPAM (advertising, flooding), ABUSE (harassment, insults,
# threats, hate), INAPPROPRIATE (sexual, violent or otherwise unsuitable content), FRAUD
# (scams, impersonation, fake campaigns), OTHER (explain in the text).
ReportCategory = Literal["SPAM", "ABUSE", "INAPPROPRIATE", "FRAUD", "OTHER"]
ReportStatus = Literal["OPEN", "RESOLVED", "DISMISSED"]
# The queue's status filter: one status, or ALL of them.
ReportStatusFilter = Literal["OPEN", "RESOLVED", "DISMISSED", "ALL"]
# What resolving does: NONE (close the reports), HIDE_CONTENT / DELETE_CONTENT (the reported
# post or comment), WARN_AUTHOR (its author is told), SUSPEND_AUTHOR (the content's author,
# or the reported user, through identity).
ModerationAction = Literal[
    "NONE", "HIDE_CONTENT", "DELETE_CONTENT", "WARN_AUTHOR", "SUSPEND_AUTHOR"
]


class ReportCreate(Body):
    target_type: ReportTargetType
    target_id: str = Field(
        pattern=r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$",
        description="The exact id of the reported user, post or comment (a UUID).",
    )
    category: ReportCategory
    text: str = Field(min_length=10, max_length=500)


class Report(BaseModel):
    id: str
    reporter_id: str
    target_type: str
    target_id: str
    category: str
    text: str
    status: str
    created_at: datetime | None
    handled_at: datetime | None
    handled_by: str | None
    resolution_reason: str | None
    target_suspended: bool
    action: str | None = Field(description="What resolving did (a ModerationAction).")

    @classmethod
    def from_pb(cls, r: pb.Report) -> Report:
        return cls(
            id=r.id,
            reporter_id=r.reporter_id,
            target_type=enum_name(pb.ReportTargetType, r.target_type, "REPORT_TARGET_TYPE_"),
            target_id=r.target_id,
            category=enum_name(pb.ReportCategory, r.category, "REPORT_CATEGORY_"),
            text=r.text,
            status=enum_name(pb.ReportStatus, r.status, "REPORT_STATUS_"),
            created_at=timestamp_or_none(r.created_at),
            handled_at=timestamp_or_none(r.handled_at),
            handled_by=r.handled_by or None,
            resolution_reason=r.resolution_reason or None,
            target_suspended=r.target_suspended,
            action=enum_name(pb.ModerationAction, r.action, "MODERATION_ACTION_") or None,
        )


class Person(BaseModel):
    """A reported user or an author, as others see them ("탈퇴한 회원" once withdrawn)."""

    id: str
    nickname: str
    withdrawn: bool

    @classmethod
    def from_pb(cls, u: pb.ReportedUser) -> Person:
        return cls(id=u.id, nickname=u.nickname, withdrawn=u.withdrawn)


class ReportedUser(Person):
    type: Literal["USER"] = "USER"


class ReportedPost(BaseModel):
    type: Literal["POST"] = "POST"
    id: str
    board: str
    title: str
    body: str = Field(description="In full.")
    image_url: str | None = Field(description="The first picture's original; null without.")
    thumbnails: dict[str, str] = Field(description="The first picture's thumbnails by width.")
    author: Person
    hidden: bool
    deleted: bool
    created_at: datetime | None


class ReportedComment(BaseModel):
    type: Literal["COMMENT"] = "COMMENT"
    id: str
    body: str = Field(description="Empty once deleted.")
    post_id: str
    post_title: str
    author: Person
    hidden: bool
    deleted: bool = Field(description="The comment, or the post it was on, is deleted.")
    created_at: datetime | None


ReportTarget = Annotated[ReportedUser | ReportedPost | ReportedComment, Field(discriminator="type")]


def _target(t: pb.ReportTarget) -> ReportTarget | None:
    match t.WhichOneof("target"):
        case "user":
            return ReportedUser(id=t.user.id, nickname=t.user.nickname, withdrawn=t.user.withdrawn)
        case "post":
            p = t.post
            return ReportedPost(
                id=p.id,
                board=enum_name(posts_pb.Board, p.board, "BOARD_"),
                title=p.title,
                body=p.body,
                image_url=p.image_url or None,
                thumbnails=dict(p.thumbnails),
                author=Person.from_pb(p.author),
                hidden=p.hidden,
                deleted=p.deleted,
                created_at=timestamp_or_none(p.created_at),
            )
        case "comment":
            c = t.comment
            return ReportedComment(
                id=c.id,
                body=c.body,
                post_id=c.post_id,
                post_title=c.post_title,
                author=Person.from_pb(c.author),
                hidden=c.hidden,
                deleted=c.deleted,
                created_at=timestamp_or_none(c.created_at),
            )
    return None


class QueuedReport(Report):
    """A report in the admin queue, with what it is about."""

    target: ReportTarget | None = Field(
        description="The reported user, post or comment; null for content that no longer "
        "exists at all."
    )
    open_reports: int = Field(
        description="Open reports about the same target (a decision applies to all of them)."
    )

    @classmethod
    def from_queue_pb(cls, q: pb.QueuedReport) -> QueuedReport:
        return cls(
            **Report.from_pb(q.report).model_dump(),
            target=_target(q.target),
            open_reports=q.open_reports,
        )


class ReportResolve(Body):
    reason: str = Reason
    action: ModerationAction = Field(
        description="What to do besides closing every open report about the target. "
        "HIDE_CONTENT, DELETE_CONTENT and WARN_AUTHOR only for POST and COMMENT reports."
    )
    suspend_until: Instant | None = Field(
        default=None, description="Only with SUSPEND_AUTHOR; null: until lifted."
    )


class ReportDismiss(Body):
    reason: str = Reason
