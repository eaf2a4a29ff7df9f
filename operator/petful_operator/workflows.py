"""The operator's gRPC side: one level-based sync per resource kind, and the finalizers.

Principals: the operator is a trusted internal client. It acts *as the referenced account*
(the Campaign's advertiser, the PetStarApplication's owner) with that account's role plus
SERVICE (owners: without SERVICE, see `acting_as_owner`), so the services apply exactly the
rules they apply to that user (an advertiser must be APPROVED, an owner may only apply
their own pets). Who may declare a resource for
which account is decided by Kubernetes RBAC on the custom resources: grant create/update
on campaigns/petstarapplications only to the platform team. Admin decisions use the
operator's own id (`OperatorSettings.admin_user_id`) with ADMIN and SERVICE.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from petful.pb.campaigns.v1 import campaigns_pb2 as cpb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pb.matching.v1 import matching_pb2, matching_pb2_grpc
from petful.pb.pets.v1 import pets_pb2 as ppb
from petful.pb.pets.v1 import pets_pb2_grpc
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.errors import (
    DeadlineExceeded,
    DomainError,
    FailedPrecondition,
    Internal,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    ServiceUnavailable,
    Unauthenticated,
)
from petful.platform.grpc_client import call, channel
from petful_operator import reconcile as r
from petful_operator.settings import OperatorSettings

T = TypeVar("T")


def acting_as(user_id: str, role: Role, *, service: bool = True) -> Principal:
    roles = {role, Role.SERVICE} if service else {role}
    return Principal(user_id=user_id, roles=frozenset(roles))


def acting_as_owner(user_id: str) -> Principal:
    """The pet's owner. Without SERVICE: pets reads SERVICE as "an internal reader, nobody's
    owner", which would make the owner's own pet NOT_FOUND for ApplyPetStar/Withdraw."""
    return acting_as(user_id, Role.USER, service=False)


def admin_principal(settings: OperatorSettings) -> Principal:
    return acting_as(settings.admin_user_id, Role.ADMIN)


class Transient(Exception):
    """A service could not answer (unreachable, deadline, internal): try again later."""


# Failures that say nothing about the spec: the pass is retried, the mirror kept.
RETRYABLE = (ServiceUnavailable, DeadlineExceeded, Internal, ResourceExhausted)


async def ask(rpc: Awaitable[T]) -> T:
    """One RPC through the platform's `call` (a failure is the DomainError it stands for);
    a retryable one becomes Transient.

    NOT_FOUND stays an error (no `call_or_none`): the services answer it for "not yours"
    too, so to the operator it is a refusal to report, never "gone, nothing to do".
    """
    try:
        return await call(rpc)
    except RETRYABLE as e:
        raise Transient(f"{type(e).__name__}: {e.detail}") from e


def refusal(err: DomainError, action: str) -> r.Outcome:
    """A permanent refusal as a condition reason (CamelCase, per the CRD pattern)."""
    if isinstance(err, FailedPrecondition):
        reason = {"update": "SpecChangeRejected", "submit": "SubmitRejected"}.get(action, "Refused")
    elif isinstance(err, InvalidArgument):
        reason = "InvalidSpec"
    elif isinstance(err, PermissionDenied | Unauthenticated):
        reason = "PermissionDenied"
    elif isinstance(err, NotFound):
        reason = "NotFound"
    else:
        reason = type(err).__name__
    detail = err.detail
    if err.field_violations:
        detail += ": " + "; ".join(f"{f} {why}" for f, why in err.field_violations)
    return r.Outcome.refused(reason, f"{action} refused by the service: {detail}")


# --- Campaign ---------------------------------------------------------------------------------


def _campaigns() -> campaigns_pb2_grpc.CampaignServiceStub:
    return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))


@dataclass(frozen=True)
class CampaignSync:
    view: r.CampaignView | None
    outcome: r.Outcome


async def _completed(stub: campaigns_pb2_grpc.CampaignServiceStub, campaign_id: str) -> int:
    count, cursor = 0, ""
    while True:
        page = await ask(
            stub.ListApplicants(
                cpb.ListApplicantsRequest(
                    campaign_id=campaign_id,
                    status=cpb.APPLICANT_STATUS_COMPLETED,
                    page_size=100,
                    cursor=cursor,
                )
            )
        )
        count += len(page.items)
        cursor = page.next_cursor
        if not cursor:
            return count


async def recommendations(campaign_id: str, top_n: int) -> list[r.Recommendation]:
    """Top PetStars for the campaign from matching (as its advertiser)."""
    stub = matching_pb2_grpc.MatchingServiceStub(channel("matching"))
    reply = await ask(
        stub.RecommendPetStars(
            matching_pb2.RecommendPetStarsRequest(campaign_id=campaign_id, limit=top_n)
        )
    )
    return r.recommendations_of(reply, top_n)


async def sync_campaign(
    uid: str, spec: Mapping[str, Any], status: Mapping[str, Any]
) -> CampaignSync:
    """Make the service's campaign match the spec (create, update, submit) and read it back.

    Idempotent: CreateCampaign is keyed by the resource uid, so a replayed event or a lost
    status never makes a second campaign.
    """
    try:
        advertiser = r.account_id(str(spec.get("advertiserRef", "")), "advertiserRef")
        desired = r.campaign_fields(spec)
    except r.SpecError as e:
        return CampaignSync(None, r.Outcome.refused(e.reason, e.message))
    stub = _campaigns()
    outcome = r.Outcome()
    try:
        with use_principal(acting_as(advertiser, Role.ADVERTISER)):
            campaign_id = str(status.get("campaignId") or "")
            try:
                if campaign_id:
                    c = await ask(stub.GetCampaign(cpb.GetCampaignRequest(campaign_id=campaign_id)))
                else:
                    c = await ask(
                        stub.CreateCampaign(
                            cpb.CreateCampaignRequest(fields=desired, idempotency_key=uid)
                        )
                    )
            except DomainError as e:
                return CampaignSync(None, refusal(e, "create"))
            for step in r.plan_campaign(c.phase, r.changed_fields(desired, c.fields)):
                try:
                    if step is r.Step.UPDATE:
                        c = await ask(
                            stub.UpdateCampaign(
                                cpb.UpdateCampaignRequest(
                                    campaign_id=c.id, fields=r.campaign_fields(spec, c.fields)
                                )
                            )
                        )
                    else:
                        c = await ask(
                            stub.SubmitCampaign(cpb.SubmitCampaignRequest(campaign_id=c.id))
                        )
                except DomainError as e:
                    outcome = refusal(e, step.value)
                    break
            completed = await _completed(stub, c.id) if c.phase in r.COUNTS_COMPLETED else 0
            # Outside the phases that pick PetStars the last list stays as it was.
            recs = r.previous_recommendations(status)
            auto = spec.get("autoRecommend") or {}
            if auto.get("enabled") and r.recommends(c.phase):
                try:
                    recs = await recommendations(c.id, int(auto.get("topN") or 10))
                except (DomainError, Transient) as e:
                    if outcome.degraded_reason is None:
                        # The spec itself is applied: Synced stays True.
                        outcome = r.Outcome(
                            degraded_reason="RecommendationsUnavailable",
                            degraded_message=f"matching did not answer: {e}; "
                            "status.recommendations keeps its last value",
                        )
        return CampaignSync(
            r.CampaignView.of(c, completed=completed, recommendations=recs), outcome
        )
    except Transient as e:
        return CampaignSync(None, r.Outcome.unavailable(str(e)))
    except DomainError as e:
        return CampaignSync(None, refusal(e, "read"))


CANCEL_REASON = "The Campaign resource {ns}/{name} was deleted from Kubernetes"


async def cancel_campaign(
    uid: str, spec: Mapping[str, Any], status: Mapping[str, Any], *, namespace: str, name: str
) -> str | None:
    """Finalizer: cancel the workflow. Returns a warning when it cannot be cancelled (the
    resource is released anyway); raises Transient to be retried."""
    try:
        advertiser = r.account_id(str(spec.get("advertiserRef", "")), "advertiserRef")
    except r.SpecError:
        return None  # never reached the service
    stub = _campaigns()
    with use_principal(acting_as(advertiser, Role.ADVERTISER)):
        try:
            campaign_id = str(status.get("campaignId") or "")
            if campaign_id:
                c = await ask(stub.GetCampaign(cpb.GetCampaignRequest(campaign_id=campaign_id)))
            else:
                # The status may have been lost before it was written: the uid-keyed create
                # finds the campaign if one was made (or makes a draft that is cancelled now).
                c = await ask(
                    stub.CreateCampaign(
                        cpb.CreateCampaignRequest(
                            fields=r.campaign_fields(spec), idempotency_key=uid
                        )
                    )
                )
            if not r.cancellable(c.phase):
                return None
            reason = CANCEL_REASON.format(ns=namespace, name=name)[:500]
            await ask(
                stub.CancelCampaign(cpb.CancelCampaignRequest(campaign_id=c.id, reason=reason))
            )
        except (DomainError, r.SpecError) as e:
            detail = e.detail if isinstance(e, DomainError) else e.message
            return f"the campaign could not be cancelled and continues in PetFul: {detail}"
    return None


# --- PetStarApplication ---------------------------------------------------------------------


def _pets() -> pets_pb2_grpc.PetServiceStub:
    return pets_pb2_grpc.PetServiceStub(channel("pets"))


@dataclass(frozen=True)
class ApplicationSync:
    app: ppb.Application | None
    outcome: r.Outcome


async def sync_application(
    uid: str, spec: Mapping[str, Any], status: Mapping[str, Any], settings: OperatorSettings
) -> ApplicationSync:
    try:
        owner = r.account_id(str(spec.get("ownerRef", "")), "ownerRef")
    except r.SpecError as e:
        return ApplicationSync(None, r.Outcome.refused(e.reason, e.message))
    stub = _pets()
    outcome = r.Outcome()
    try:
        with use_principal(acting_as_owner(owner)):
            app_id = str(status.get("applicationId") or "")
            try:
                if app_id:
                    app = await ask(
                        stub.GetApplication(ppb.GetApplicationRequest(application_id=app_id))
                    )
                else:
                    app = await ask(
                        stub.ApplyPetStar(
                            ppb.ApplyPetStarRequest(
                                pet_id=str(spec.get("petRef", "")), idempotency_key=uid
                            )
                        )
                    )
            except DomainError as e:
                return ApplicationSync(None, refusal(e, "apply"))
            if app.pet_id != str(spec.get("petRef", "")).strip():
                outcome = r.Outcome.refused(
                    "SpecChangeRejected",
                    f"petRef cannot change after the application was made (it is for pet "
                    f"{app.pet_id}); create a new PetStarApplication instead",
                )
            wanted = r.instagram_username(str(spec.get("instagramAccount", "")))
            linked = r.instagram_username(app.pet.instagram_username) if app.HasField("pet") else ""
            if outcome.synced and linked and wanted and linked != wanted:
                outcome = r.Outcome(
                    degraded_reason="InstagramMismatch",
                    degraded_message=f"the pet's linked Instagram account is @{linked}, "
                    f"the spec says @{wanted}",
                )
        decision = str(spec.get("decision") or "Pending")
        step = r.plan_decision(decision, app.state)
        if step is r.DecisionStep.DECIDE:
            with use_principal(admin_principal(settings)):
                try:
                    app = await ask(
                        stub.DecideApplication(
                            r.decide_request(app.id, decision, str(spec.get("reason") or ""))
                        )
                    )
                except DomainError as e:
                    outcome = refusal(e, "decide")
        elif step is r.DecisionStep.CONFLICT:
            phase = r.APPLICATION_PHASES.get(app.state, "unknown")
            outcome = r.Outcome.refused(
                "DecisionConflict",
                f"spec.decision is {decision} but the application is already {phase}",
            )
        return ApplicationSync(app, outcome)
    except Transient as e:
        return ApplicationSync(None, r.Outcome.unavailable(str(e)))
    except DomainError as e:
        return ApplicationSync(None, refusal(e, "read"))


async def withdraw_application(spec: Mapping[str, Any], status: Mapping[str, Any]) -> str | None:
    """Finalizer: withdraw the application if it is still open."""
    app_id = str(status.get("applicationId") or "")
    try:
        owner = r.account_id(str(spec.get("ownerRef", "")), "ownerRef")
    except r.SpecError:
        return None
    if not app_id:
        return None
    stub = _pets()
    with use_principal(acting_as_owner(owner)):
        try:
            app = await ask(stub.GetApplication(ppb.GetApplicationRequest(application_id=app_id)))
            if app.state in r.OPEN_STATES:
                await ask(
                    stub.WithdrawApplication(ppb.WithdrawApplicationRequest(application_id=app_id))
                )
        except DomainError as e:
            return f"the application could not be withdrawn: {e.detail}"
    return None
