"""Pure reconcile logic: spec -> gRPC request, service state -> `.status`, conditions.

Nothing here does I/O; `workflows.py` calls the services and `handlers.py` wires kopf. The
workflow rules themselves (which phase allows which change) stay in the services: the
operator only asks, and reports a refusal as a `Degraded` condition.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from petful.pb.campaigns.v1 import campaigns_pb2 as cpb
from petful.pb.common.v1 import species_pb2
from petful.pb.matching.v1 import matching_pb2 as mpb
from petful.pb.pets.v1 import pets_pb2 as ppb
from petful.platform.protobuf import from_timestamp, timestamp_or_none, to_timestamp

# --- references ----------------------------------------------------------------------------


class SpecError(ValueError):
    """The spec cannot be turned into a request (reason is a condition reason)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def account_id(ref: str, field_name: str) -> str:
    """The account id a `*Ref` names. Emails are allowed by the CRD but need an identity
    lookup the platform does not offer to internal callers yet: they are reported, not
    guessed."""
    text = ref.strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        pass
    if "@" in text:
        raise SpecError(
            "UnresolvedReference",
            f"{field_name} {text!r} is an email; the operator needs the account id (UUID) "
            "until identity offers an email lookup to internal callers",
        )
    raise SpecError("InvalidReference", f"{field_name} {text!r} is not an account id")


# --- campaign: spec -> CampaignFields ------------------------------------------------------

_SPECIES = {
    "dog": species_pb2.SPECIES_DOG,
    "cat": species_pb2.SPECIES_CAT,
    "rabbit": species_pb2.SPECIES_RABBIT,
    "bird": species_pb2.SPECIES_BIRD,
    "reptile": species_pb2.SPECIES_REPTILE,
    "fish": species_pb2.SPECIES_FISH,
    "other": species_pb2.SPECIES_OTHER,
}
_TYPES = {"delivery": cpb.CAMPAIGN_TYPE_DELIVERY, "visit": cpb.CAMPAIGN_TYPE_VISIT}
SCHEDULE = (
    ("recruitStart", "recruit_start"),
    ("recruitEnd", "recruit_end"),
    ("announceAt", "announce_at"),
    ("activityStart", "activity_start"),
    ("activityEnd", "activity_end"),
)
# The same disclosure rule as the campaigns service: a list without one gets `#광고` first
# (the service refuses an edit that drops it, so the operator always sends one).
DISCLOSURE_TAGS = ("#광고", "#협찬")
RETENTION_DEFAULT = 180


def parse_instant(raw: Any, name: str) -> datetime:
    text = str(raw).strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SpecError("InvalidSpec", f"schedule.{name} {text!r} is not RFC 3339") from None
    if value.tzinfo is None:
        raise SpecError("InvalidSpec", f"schedule.{name} needs a UTC offset")
    return value.astimezone(UTC)


def hashtags(raw: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in raw:
        tag = item.strip()
        if not tag:
            continue
        tag = tag if tag.startswith("#") else "#" + tag
        if tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    if not any(t in DISCLOSURE_TAGS for t in out):
        out.insert(0, DISCLOSURE_TAGS[0])
    return out


def campaign_fields(
    spec: Mapping[str, Any], current: cpb.CampaignFields | None = None
) -> cpb.CampaignFields:
    """The request fields a Campaign spec declares. Fields the CRD does not carry (images,
    objective, requirements) keep their current value, so edits made in PetFul survive."""
    product = spec.get("product") or {}
    reward = spec.get("reward") or {}
    schedule = spec.get("schedule") or {}
    kind = _TYPES.get(str(spec.get("type", "")))
    if kind is None:
        raise SpecError("InvalidSpec", f"type {spec.get('type')!r} is not delivery or visit")
    species = []
    for s in spec.get("targetSpecies") or ():
        if s not in _SPECIES:
            raise SpecError("InvalidSpec", f"targetSpecies {s!r} is unknown")
        species.append(_SPECIES[s])
    times: dict[str, Timestamp] = {}
    for key, name in SCHEDULE:
        if key not in schedule:
            raise SpecError("InvalidSpec", f"schedule.{key} is required")
        times[name] = to_timestamp(parse_instant(schedule[key], key))
    fields = cpb.CampaignFields(
        title=str(spec.get("title", "")),
        product_name=str(product.get("name", "")),
        product_description=str(product.get("description", "")),
        product_url=str(product.get("url", "")),
        missions=[str(m) for m in spec.get("missions") or ()],
        keywords=[str(k) for k in spec.get("requiredKeywords") or ()],
        hashtags=hashtags(str(h) for h in spec.get("requiredHashtags") or ()),
        campaign_type=kind,
        target_species=species,
        headcount=int(spec.get("headcount", 0)),
        reward_description=str(reward.get("description", "")),
        reward_value_krw=int(reward.get("valueKrw", 0)),
        post_retention_days=int(spec.get("postRetentionDays") or RETENTION_DEFAULT),
    )
    for name, ts in times.items():
        getattr(fields, name).CopyFrom(ts)
    if current is not None:
        fields.image_media_ids.extend(current.image_media_ids)
        fields.objective = current.objective
        fields.requirements.extend(current.requirements)
    return fields


def _line(text: str) -> str:
    return " ".join(text.split())


def _items(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        item = _line(v)
        if item and item not in out:
            out.append(item)
    return out


def changed_fields(desired: cpb.CampaignFields, current: cpb.CampaignFields) -> list[str]:
    """The CRD-declared fields whose desired value differs from the service's, compared the
    way the service normalises them (trimmed text, deduplicated items, `#` tags, sets)."""
    out: list[str] = []
    for name in ("title", "product_name", "product_url", "reward_description"):
        if _line(getattr(desired, name)) != _line(getattr(current, name)):
            out.append(name)
    if desired.product_description.strip() != current.product_description.strip():
        out.append("product_description")
    if _items(desired.missions) != _items(current.missions):
        out.append("missions")
    if {k.lower() for k in _items(desired.keywords)} != {k.lower() for k in current.keywords}:
        out.append("keywords")
    if {h.lower() for h in hashtags(desired.hashtags)} != {h.lower() for h in current.hashtags}:
        out.append("hashtags")
    if set(desired.target_species) != set(current.target_species):
        out.append("target_species")
    for name in ("campaign_type", "headcount", "reward_value_krw"):
        if getattr(desired, name) != getattr(current, name):
            out.append(name)
    if (desired.post_retention_days or RETENTION_DEFAULT) != (
        current.post_retention_days or RETENTION_DEFAULT
    ):
        out.append("post_retention_days")
    for _, name in SCHEDULE:
        if timestamp_or_none(getattr(desired, name)) != timestamp_or_none(getattr(current, name)):
            out.append(name)
    return out


# --- campaign: what to do -------------------------------------------------------------------


class Step(StrEnum):
    UPDATE = "update"
    SUBMIT = "submit"


def plan_campaign(phase: int, changed: Sequence[str]) -> list[Step]:
    """Steps that bring the service's campaign to the spec.

    The spec declares a campaign to run, so a draft is submitted for review (an admin still
    approves it in PetFul). A rejected campaign is resubmitted only after the spec changed.
    In any other phase a changed spec is sent as an update and the service decides whether
    the phase allows it (a refusal becomes `Degraded`, nothing is half-applied).
    """
    steps: list[Step] = [Step.UPDATE] if changed else []
    if phase == cpb.PHASE_DRAFT or (phase == cpb.PHASE_REJECTED and changed):
        steps.append(Step.SUBMIT)
    return steps


def cancellable(phase: int) -> bool:
    """Phases in which a deleted resource still has a workflow to cancel."""
    return phase not in (cpb.PHASE_COMPLETED, cpb.PHASE_CANCELLED, cpb.PHASE_REJECTED)


CAMPAIGN_PHASES = {
    cpb.PHASE_DRAFT: "Draft",
    cpb.PHASE_PENDING_REVIEW: "PendingReview",
    cpb.PHASE_REJECTED: "Rejected",
    cpb.PHASE_RECRUITING: "Recruiting",
    cpb.PHASE_SELECTING: "Selecting",
    cpb.PHASE_ANNOUNCED: "Announced",
    cpb.PHASE_IN_PROGRESS: "InProgress",
    cpb.PHASE_REVIEWING: "Reviewing",
    cpb.PHASE_COMPLETED: "Completed",
    cpb.PHASE_CANCELLED: "Cancelled",
}
# Phases in which applicants can have completed their work.
COUNTS_COMPLETED = (cpb.PHASE_IN_PROGRESS, cpb.PHASE_REVIEWING, cpb.PHASE_COMPLETED)


# --- outcome of one pass and conditions -----------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How one reconcile pass went. synced None: unknown (a service was unreachable)."""

    synced: bool | None = True
    reason: str = "Applied"
    message: str = "the spec is applied"
    degraded_reason: str | None = None
    degraded_message: str = ""

    @classmethod
    def refused(cls, reason: str, message: str) -> Outcome:
        return cls(False, reason, message, reason, message)

    @classmethod
    def unavailable(cls, message: str) -> Outcome:
        return cls(None, "ServiceUnavailable", message, "ServiceUnavailable", message)


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def condition(
    previous: Sequence[Mapping[str, Any]],
    type_: str,
    status: str,
    reason: str,
    message: str,
    now: datetime,
) -> dict[str, Any]:
    """One condition; lastTransitionTime moves only when the status changes."""
    old = next((c for c in previous if c.get("type") == type_), None)
    since = (
        old["lastTransitionTime"]
        if old is not None and old.get("status") == status and old.get("lastTransitionTime")
        else rfc3339(now)
    )
    return {
        "type": type_,
        "status": status,
        "reason": reason,
        "message": message[:32768],
        "lastTransitionTime": since,
    }


def _status_word(value: bool | None) -> str:
    return "Unknown" if value is None else ("True" if value else "False")


def conditions(
    previous: Sequence[Mapping[str, Any]],
    *,
    ready: tuple[bool | None, str, str],
    outcome: Outcome,
    now: datetime,
) -> list[dict[str, Any]]:
    degraded = outcome.degraded_reason is not None
    return [
        condition(previous, "Ready", _status_word(ready[0]), ready[1], ready[2], now),
        condition(
            previous, "Synced", _status_word(outcome.synced), outcome.reason, outcome.message, now
        ),
        condition(
            previous,
            "Degraded",
            "True" if degraded else "False",
            outcome.degraded_reason or "AsExpected",
            outcome.degraded_message if degraded else "",
            now,
        ),
    ]


def _observe(
    status: dict[str, Any], previous: Mapping[str, Any], outcome: Outcome, generation: int | None
) -> None:
    """observedGeneration moves to generation only when the pass applied the spec."""
    observed = previous.get("observedGeneration")
    if outcome.synced is True and generation is not None:
        observed = generation
    if observed is not None:
        status["observedGeneration"] = observed


# --- campaign: service state -> status ------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    pet_star_id: str
    score: float


def recommends(phase: int) -> bool:
    """Recommendations are worth asking for while the campaign can still pick PetStars."""
    return phase in (cpb.PHASE_PENDING_REVIEW, cpb.PHASE_RECRUITING, cpb.PHASE_SELECTING)


def recommendations_of(reply: mpb.RecommendPetStarsResponse, top_n: int) -> list[Recommendation]:
    return [
        Recommendation(m.petstar.pet_id, round(m.score, 6)) for m in reply.items if m.petstar.pet_id
    ][:top_n]


def previous_recommendations(status: Mapping[str, Any]) -> list[Recommendation]:
    return [
        Recommendation(str(x.get("petStarId", "")), float(x.get("score", 0.0)))
        for x in status.get("recommendations") or ()
    ]


@dataclass(frozen=True)
class CampaignView:
    """What the operator mirrors of a service campaign."""

    campaign_id: str
    phase: str
    phase_reason: str = ""
    applicants: int = 0
    selected: int = 0
    completed: int = 0
    recommendations: tuple[Recommendation, ...] = field(default_factory=tuple)

    @classmethod
    def of(
        cls,
        c: cpb.Campaign,
        *,
        completed: int = 0,
        recommendations: Sequence[Recommendation] = (),
    ) -> CampaignView:
        return cls(
            campaign_id=c.id,
            phase=CAMPAIGN_PHASES.get(c.phase, "Pending"),
            phase_reason=c.phase_reason,
            applicants=c.applicant_count,
            selected=c.selected_count,
            completed=completed,
            recommendations=tuple(recommendations),
        )


def _campaign_ready(view: CampaignView | None, outcome: Outcome) -> tuple[bool | None, str, str]:
    if view is None:
        if outcome.synced is None:
            return None, outcome.reason, outcome.message
        return False, outcome.reason, outcome.message
    if view.phase == "Rejected":
        return False, "Rejected", view.phase_reason or "an administrator rejected the campaign"
    if view.phase == "Cancelled":
        return False, "Cancelled", view.phase_reason or "the campaign was cancelled"
    if outcome.synced is not True:
        return False, outcome.reason, outcome.message
    return True, view.phase, f"the campaign is {view.phase}"


def campaign_status(
    *,
    previous: Mapping[str, Any],
    view: CampaignView | None,
    outcome: Outcome,
    generation: int | None,
    now: datetime,
    recommend: bool,
) -> dict[str, Any]:
    """The full `.status` after a pass. Without a view (service unreachable, bad spec) the
    last mirrored values stay and only the conditions change."""
    status: dict[str, Any] = {
        k: previous[k]
        for k in ("phase", "campaignId", "applicants", "selected", "completed", "recommendations")
        if k in previous
    }
    status.setdefault("phase", "Pending")
    if view is not None:
        status.update(
            phase=view.phase,
            campaignId=view.campaign_id,
            applicants=view.applicants,
            selected=view.selected,
            completed=view.completed,
        )
        status["recommendations"] = [
            {"petStarId": r.pet_star_id, "score": r.score} for r in view.recommendations
        ][:50]
    if not recommend:
        status["recommendations"] = []
    status["conditions"] = conditions(
        previous.get("conditions") or (),
        ready=_campaign_ready(view, outcome),
        outcome=outcome,
        now=now,
    )
    _observe(status, previous, outcome, generation)
    return status


def status_patch(previous: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """A merge patch turning previous into new (keys that went away are set to None);
    keys not owned by the operator (none today) are left alone."""
    patch: dict[str, Any] = {k: v for k, v in new.items() if previous.get(k) != v}
    for key in previous:
        if key not in new:
            patch[key] = None
    return patch


@dataclass(frozen=True)
class Event:
    type: str  # Normal | Warning
    reason: str
    message: str


def status_events(previous: Mapping[str, Any], new: Mapping[str, Any]) -> list[Event]:
    """Kubernetes Events for a status change: every phase change, and Degraded flipping."""
    events: list[Event] = []
    old_phase, new_phase = previous.get("phase"), new.get("phase")
    if new_phase != old_phase:
        events.append(Event("Normal", "PhaseChanged", f"{old_phase or 'None'} -> {new_phase}"))

    def degraded(status: Mapping[str, Any]) -> Mapping[str, Any]:
        conds = status.get("conditions") or ()
        return next((c for c in conds if c.get("type") == "Degraded"), {})

    old_d, new_d = degraded(previous), degraded(new)
    if new_d.get("status") == "True" and (
        old_d.get("status") != "True" or old_d.get("reason") != new_d.get("reason")
    ):
        events.append(Event("Warning", new_d.get("reason", "Degraded"), new_d.get("message", "")))
    elif old_d.get("status") == "True" and new_d.get("status") != "True":
        events.append(Event("Normal", "Recovered", f"no longer degraded ({old_d.get('reason')})"))
    return events


# --- PetStarApplication ---------------------------------------------------------------------

APPLICATION_PHASES = {
    ppb.APPLICATION_STATE_SUBMITTED: "Submitted",
    ppb.APPLICATION_STATE_VERIFYING: "Verifying",
    ppb.APPLICATION_STATE_IN_REVIEW: "InReview",
    ppb.APPLICATION_STATE_APPROVED: "Approved",
    ppb.APPLICATION_STATE_REJECTED: "Rejected",
    ppb.APPLICATION_STATE_WITHDRAWN: "Withdrawn",
    ppb.APPLICATION_STATE_REVOKED: "Revoked",
}
OPEN_STATES = (
    ppb.APPLICATION_STATE_SUBMITTED,
    ppb.APPLICATION_STATE_VERIFYING,
    ppb.APPLICATION_STATE_IN_REVIEW,
)


class DecisionStep(StrEnum):
    NONE = "none"  # nothing was decided in the spec, or it is already in effect
    WAIT = "wait"  # decided, but the application is not in review yet
    DECIDE = "decide"  # send DecideApplication now
    CONFLICT = "conflict"  # the application ended otherwise; the spec cannot be applied


def plan_decision(decision: str, state: int) -> DecisionStep:
    if decision not in ("Approved", "Rejected"):
        return DecisionStep.NONE
    if state == ppb.APPLICATION_STATE_IN_REVIEW:
        return DecisionStep.DECIDE
    if state in (ppb.APPLICATION_STATE_SUBMITTED, ppb.APPLICATION_STATE_VERIFYING):
        return DecisionStep.WAIT
    done = {"Approved": ppb.APPLICATION_STATE_APPROVED, "Rejected": ppb.APPLICATION_STATE_REJECTED}
    return DecisionStep.NONE if state == done[decision] else DecisionStep.CONFLICT


def decide_request(application_id: str, decision: str, reason: str) -> ppb.DecideApplicationRequest:
    approve = decision == "Approved"
    return ppb.DecideApplicationRequest(
        application_id=application_id,
        decision=ppb.DECISION_APPROVE if approve else ppb.DECISION_REJECT,
        reason="" if approve else reason.strip(),
    )


def instagram_username(raw: str) -> str:
    return raw.strip().removeprefix("@").lower()


def application_status(
    *,
    previous: Mapping[str, Any],
    app: ppb.Application | None,
    outcome: Outcome,
    decision: str,
    generation: int | None,
    now: datetime,
) -> dict[str, Any]:
    status: dict[str, Any] = {
        k: previous[k]
        for k in ("phase", "applicationId", "metrics", "eligibility")
        if k in previous
    }
    status.setdefault("phase", "Pending")
    ready: tuple[bool | None, str, str]
    if app is not None:
        status["phase"] = APPLICATION_PHASES.get(app.state, "Pending")
        status["applicationId"] = app.id
        measured = from_timestamp(app.metrics, "measured_at") if app.HasField("metrics") else None
        if measured is not None:
            status["metrics"] = {
                "followers": app.metrics.followers_count,
                "engagementRate": app.metrics.engagement_rate,
                "qualifyingPosts": app.metrics.qualifying_posts,
                "fetchedAt": rfc3339(measured),
            }
            status["eligibility"] = {
                "eligible": app.eligibility.eligible,
                "reasons": list(app.eligibility.reasons)[:20],
            }
    if app is None:
        ready = (None if outcome.synced is None else False, outcome.reason, outcome.message)
    elif outcome.synced is not True:
        ready = (False, outcome.reason, outcome.message)
    elif plan_decision(decision, app.state) is DecisionStep.WAIT:
        ready = (
            False,
            "AwaitingReview",
            f"the decision {decision} is applied once verification puts the application "
            f"in review (now {status['phase']})",
        )
    else:
        ready = (True, status["phase"], f"the application is {status['phase']}")
    status["conditions"] = conditions(
        previous.get("conditions") or (), ready=ready, outcome=outcome, now=now
    )
    _observe(status, previous, outcome, generation)
    return status
