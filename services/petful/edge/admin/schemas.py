"""Bodies of the admin dashboard route, and how a queue's first page becomes its count."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

# AdminQueues are counted from their first page (no domain keeps a count of them): at most this
# many, with `more` when there are others besides.
QUEUE_PAGE = 100

Phase = Literal[
    "DRAFT",
    "PENDING_REVIEW",
    "REJECTED",
    "RECRUITING",
    "SELECTING",
    "ANNOUNCED",
    "IN_PROGRESS",
    "REVIEWING",
    "COMPLETED",
    "CANCELLED",
]


class AdminQueueCount(BaseModel):
    waiting: int = Field(description="Items waiting for an admin (with `more`: at least these)")
    more: bool = Field(description=f"Counted from a first page of {QUEUE_PAGE}, and others wait")

    @classmethod
    def of_page(cls, items: int, next_cursor: str) -> AdminQueueCount:
        return cls(waiting=items, more=bool(next_cursor))


class AdminQueues(BaseModel):
    advertisers: AdminQueueCount = Field(description="Company profiles submitted for approval")
    petstars: AdminQueueCount = Field(description="PetStar applications in review")
    campaigns: AdminQueueCount = Field(description="Campaigns submitted for review")
    reports: AdminQueueCount = Field(description="Open reports")


class AdminPhaseCount(BaseModel):
    phase: Phase
    count: int


class AdminAccountDay(BaseModel):
    date: dt.date = Field(description="A day in Korea (Asia/Seoul)")
    sign_ups: int = Field(description="AdminAccounts created that day")
    active: int = Field(description="AdminAccounts that signed in or refreshed a session that day")


class AdminAccounts(BaseModel):
    total: int = Field(description="AdminAccounts not withdrawn (active or suspended)")
    suspended: int
    active_30_days: int = Field(
        description="AdminAccounts active at some point in the last 30 days"
    )
    active_7_days: int = Field(description="AdminAccounts active at some point in the last 7 days")
    sign_ups_30_days: int


class AdminDashboard(BaseModel):
    """The platform at a glance: accounts, campaigns by phase, what waits in each queue, and
    sign-ups and active accounts per day over the last 30 days."""

    accounts: AdminAccounts
    campaigns: list[AdminPhaseCount] = Field(
        description="Every phase that has campaigns, in the phases' order"
    )
    queues: AdminQueues
    days: list[AdminAccountDay] = Field(description="The last 30 days, oldest first")
