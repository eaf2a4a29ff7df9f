"""/api/v1/sns: the signed-in user's linked Instagram business accounts."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from petful.edge import clients
from petful.edge.auth import CurrentUser
from petful.edge.sns_schemas import Account, AccountList, LinkIn, Metrics
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.platform.auth_context import to_metadata

router = APIRouter(prefix="/api/v1/sns", tags=["sns"])

DEFAULT_WINDOW_DAYS = 90


@router.post("/accounts", status_code=status.HTTP_201_CREATED, response_model=Account)
async def link_account(body: LinkIn, user: CurrentUser) -> Account:
    """Link an Instagram business account with a short-lived Facebook user token. The
    first sync runs before the answer. 409 if another user linked that account."""
    r = await clients.sns().LinkAccount(body.to_pb(), metadata=to_metadata(user))
    return Account.from_pb(r)


@router.get("/accounts", response_model=AccountList)
async def list_accounts(user: CurrentUser) -> AccountList:
    r = await clients.sns().ListMyAccounts(pb.ListMyAccountsRequest(), metadata=to_metadata(user))
    return AccountList(items=[Account.from_pb(a) for a in r.accounts])


@router.get("/accounts/{account_id}", response_model=Account)
async def get_account(account_id: UUID, user: CurrentUser) -> Account:
    r = await clients.sns().GetAccount(
        pb.GetAccountRequest(account_id=str(account_id)), metadata=to_metadata(user)
    )
    return Account.from_pb(r)


@router.get("/accounts/{account_id}/metrics", response_model=Metrics)
async def get_metrics(
    account_id: UUID,
    user: CurrentUser,
    window_days: Annotated[int, Query(ge=1, le=365)] = DEFAULT_WINDOW_DAYS,
) -> Metrics:
    """Followers, engagement rate over the latest posts, and the posts of the window."""
    r = await clients.sns().GetAccountMetrics(
        pb.GetAccountMetricsRequest(account_id=str(account_id), window_days=window_days),
        metadata=to_metadata(user),
    )
    return Metrics.from_pb(r, window_days)


@router.post("/accounts/{account_id}/sync", response_model=Account)
async def sync_account(account_id: UUID, user: CurrentUser) -> Account:
    """Sync now. 409 while another sync of the account runs or when it needs re-linking."""
    r = await clients.sns().SyncAccount(
        pb.SyncAccountRequest(account_id=str(account_id)), metadata=to_metadata(user)
    )
    return Account.from_pb(r)


@router.delete("/accounts/{account_id}", response_model=Account)
async def unlink_account(account_id: UUID, user: CurrentUser) -> Account:
    """Unlink: the stored token is deleted and the account leaves the list."""
    r = await clients.sns().UnlinkAccount(
        pb.UnlinkAccountRequest(account_id=str(account_id)), metadata=to_metadata(user)
    )
    return Account.from_pb(r)
