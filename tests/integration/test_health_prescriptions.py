"""Prescription OCR through the edge: upload a photo, the worker reads it with the real
Tesseract into a draft, the owner corrects and confirms it into medication schedules.

Real identity, pets and health gRPC servers, PostgreSQL and Redis (`identity_edge`); the
photos are made by tests/prescription_support.py with known contents.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from petful.health.prescriptions import tasks as prescription_tasks
from petful.health.prescriptions.models import Prescription
from petful.pb.health.v1 import prescriptions_pb2 as pb
from petful.pb.health.v1 import prescriptions_pb2_grpc as pb_grpc
from petful.platform import media
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.db import transaction
from petful.platform.grpc_client import channel
from tests import prescription_support as samples
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.integration.health_prescriptions_support import (
    OWNER,
    URL,
    Desk,
    editable,
    owners_desk,
    read_all,
)
from tests.integration.health_support import TODAY, health_running
from tests.security.test_bad_input import _extreme

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Debian's tesseract-ocr is not installed"
)


@pytest.fixture
async def desk(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Desk]:
    async with health_running(identity_edge, monkeypatch) as edge:
        yield await owners_desk(edge)


def names(draft: dict[str, Any]) -> list[str]:
    return [m["drug_name"] for m in draft["medications"]]


async def stored_photo(prescription_id: str) -> media.MediaRecord | None:
    async with transaction() as session:
        row = await session.get(Prescription, uuid.UUID(prescription_id))
        media_id = row.media_id if row else None
        if media_id is None:
            return None
        return await media.get_media(session, schema="health", media_id=media_id)


# --- the happy path --------------------------------------------------------------------------


async def test_a_photo_is_read_into_a_draft_then_confirmed_into_schedules(desk: Desk) -> None:
    sample = samples.SAMPLES[0]  # 아목시실린정 1일 2회 7일, 메트로니다졸정, 파모티딘정
    draft = await desk.read(samples.render(sample))

    assert (draft["status"], draft["notice"]) == ("DRAFT", None)
    assert [n.split()[0] for n in names(draft)] == list(sample.names)
    for medication in draft["medications"]:
        # Each field names the line it was read from.
        line = draft["lines"][medication["drug_name_line"]]
        assert medication["drug_name"].split()[0] in line.replace(" ", "")
        assert medication["days"] is not None
        assert str(medication["days"]) in draft["lines"][medication["days_line"]]
    amoxicillin = draft["medications"][0]
    assert (amoxicillin["doses_per_day"], amoxicillin["days"]) == (2, 7)
    assert amoxicillin["suggested_times"] == ["08:00", "19:00"]  # 아침·저녁

    # Nothing is scheduled before the owner confirms.
    schedules = f"/api/v1/pets/{desk.pet_id}/schedules"
    r = await desk.client.get(schedules, headers=desk.owner)
    assert (r.status_code, r.json()["items"]) == (200, [])

    # The owner fixes a dose, drops the third drug, and confirms with reminders 30 minutes
    # before each dose and their own times for the second drug.
    fixed = editable(draft["medications"])[:2]
    fixed[1] |= {"dosage": "1/2정", "doses_per_day": 2, "days": 5}
    r = await desk.put_medications(draft["id"], fixed)
    assert r.status_code == 200, r.text
    assert [m["dosage"] for m in r.json()["medications"]][1] == "1/2정"
    assert r.json()["medications"][1]["drug_name_line"] == fixed[1]["drug_name_line"]

    r = await desk.confirm(
        draft["id"],
        reminder_lead_minutes=30,
        dose_times=[["08:00", "19:00"], ["09:00", "21:00"]],
    )
    assert r.status_code == 200, r.text
    confirmed = r.json()
    assert (confirmed["status"], confirmed["start_date"]) == ("CONFIRMED", TODAY.isoformat())
    assert (confirmed["reminder_lead_minutes"], len(confirmed["schedule_ids"])) == (30, 2)

    made = (await desk.client.get(schedules, headers=desk.owner)).json()["items"]
    by_id = {s["id"]: s for s in made}
    assert set(by_id) == set(confirmed["schedule_ids"])
    second = by_id[confirmed["schedule_ids"][1]]
    assert (second["kind"], second["from_prescription"], second["times"]) == (
        "MEDICATION",
        True,
        ["09:00", "21:00"],
    )
    assert (second["medication_name"], second["dosage"], second["duration_days"]) == (
        "메트로니다졸정",
        "1/2정",
        5,
    )
    assert (second["reminder_enabled"], second["reminder_lead_minutes"]) == (True, 30)
    assert second["end_date"] == (TODAY + timedelta(days=4)).isoformat()

    # A confirmed prescription is settled.
    assert (await desk.confirm(draft["id"])).status_code == 409
    assert (await desk.put_medications(draft["id"], fixed)).status_code == 409


async def test_confirming_with_the_suggested_times_and_no_reminders(desk: Desk) -> None:
    draft = await desk.read(samples.render(samples.SAMPLES[1]))  # 프레드니솔론정, 세팔렉신캡슐
    complete = [m | {"dosage": m["dosage"] or "1정"} for m in editable(draft["medications"])]
    assert (await desk.put_medications(draft["id"], complete)).status_code == 200
    r = await desk.confirm(draft["id"], start_date=(TODAY + timedelta(days=1)).isoformat())
    assert r.status_code == 200, r.text
    assert r.json()["reminder_lead_minutes"] is None
    items = (
        await desk.client.get(f"/api/v1/pets/{desk.pet_id}/schedules", headers=desk.owner)
    ).json()["items"]
    # 프레드니솔론 1일 1회 아침: 08:00; 세팔렉신 1일 2회 식후: the default 08:00 and 20:00.
    assert sorted(tuple(s["times"]) for s in items) == [("08:00",), ("08:00", "20:00")]
    assert {s["reminder_enabled"] for s in items} == {False}
    assert {s["start_date"] for s in items} == {(TODAY + timedelta(days=1)).isoformat()}


async def test_the_photo_is_served_to_its_owner_only_and_never_cached(desk: Desk) -> None:
    draft = await desk.read(samples.render(samples.SAMPLES[4]))
    r = await desk.client.get(draft["photo_url"], headers=desk.owner)
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/jpeg"
    assert r.headers["cache-control"] == "private, no-store"
    assert r.content.startswith(b"\xff\xd8\xff")
    stranger = await headers_for(desk.edge, "stranger@example.com")
    assert (await desk.client.get(draft["photo_url"], headers=stranger)).status_code == 404
    # Private media is never under /media/ (the public path).
    record = await stored_photo(draft["id"])
    assert record is not None
    assert (record.visibility, record.url) == (media.Visibility.PRIVATE, "")


# --- what the read can give ------------------------------------------------------------------


async def test_an_unreadable_photo_is_a_draft_with_no_medications_and_a_notice(
    desk: Desk,
) -> None:
    draft = await desk.read(samples.blank_photo())
    assert (draft["status"], draft["medications"]) == ("DRAFT", [])
    assert draft["notice"] in {"UNREADABLE", "NO_MEDICATIONS"}
    r = await desk.confirm(draft["id"])
    assert (r.status_code, problem_fields(r)) == (422, {"medications"})
    # The owner may type the medications in themselves, then confirm.
    typed = {"drug_name": "아목시실린정", "dosage": "1정", "doses_per_day": 2, "days": 7}
    assert (await desk.put_medications(draft["id"], [typed])).status_code == 200
    assert (await desk.confirm(draft["id"])).status_code == 200


async def test_a_prescription_is_read_once(desk: Desk) -> None:
    created = await desk.uploaded(samples.render(samples.SAMPLES[0]))
    assert await read_all() == 1
    first = await desk.got(created["id"])
    assert await read_all() == 0  # the inbox dedupes a redelivered event
    assert await desk.got(created["id"]) == first


async def test_a_read_that_never_finishes_is_given_up(desk: Desk) -> None:
    created = await desk.uploaded(samples.render(samples.SAMPLES[0]))
    desk.edge.clock.advance(timedelta(minutes=14))
    assert await prescription_tasks.give_up_stale_reads(desk.edge.clock()) == 0
    desk.edge.clock.advance(timedelta(minutes=2))
    assert await prescription_tasks.give_up_stale_reads(desk.edge.clock()) == 1
    given_up = await desk.got(created["id"])
    assert (given_up["status"], given_up["notice"], given_up["medications"]) == (
        "DRAFT",
        "FAILED",
        [],
    )
    # A worker that finally gets to it leaves the given-up draft alone.
    await read_all()
    assert (await desk.got(created["id"]))["notice"] == "FAILED"


async def test_nothing_changes_while_reading_and_five_reads_at_once_are_the_limit(
    desk: Desk,
) -> None:
    photo = samples.render(samples.SAMPLES[4])
    first = await desk.uploaded(photo)
    assert (await desk.put_medications(first["id"], [])).status_code == 409
    assert (await desk.confirm(first["id"])).status_code == 409
    for _ in range(4):
        await desk.uploaded(photo)
    r = await desk.upload(photo)
    assert r.status_code == 429, r.text
    assert "retry-after" in r.headers
    assert [p["status"] for p in await desk.listed()] == ["READING"] * 5


# --- only the owner --------------------------------------------------------------------------


async def test_only_the_pets_owner_reaches_a_prescription(desk: Desk) -> None:
    draft = await desk.read(samples.render(samples.SAMPLES[4]))
    pid = draft["id"]
    stranger = await headers_for(desk.edge, "stranger@example.com")
    admin = await headers_for(desk.edge, "judge@example.com", Role.ADMIN)
    for who in (stranger, admin):
        assert (await desk.get(pid, by=who)).status_code == 404
        assert (await desk.put_medications(pid, [], by=who)).status_code == 404
        assert (await desk.confirm(pid, by=who)).status_code == 404
        assert (await desk.delete(pid, by=who)).status_code == 404
        assert await desk.listed(by=who) == []
        # Nor may they upload for the owner's pet (its existence is not told).
        r = await desk.upload(samples.blank_photo(), by=who)
        assert (r.status_code, problem_fields(r)) == (404, {"pet_id"})
    assert (await desk.got(pid))["status"] == "DRAFT"
    assert (await desk.client.get(URL)).status_code == 401


async def test_the_list_is_mine_newest_first_by_pet_and_status(desk: Desk) -> None:
    other_pet = (await owners_desk(desk.edge, email="rx-owner@example.com", pet="콩이")).pet_id
    first = await desk.read(samples.render(samples.SAMPLES[4]))
    desk.edge.clock.advance(timedelta(seconds=1))
    second = await desk.uploaded(samples.render(samples.SAMPLES[0]))
    desk.edge.clock.advance(timedelta(seconds=1))
    third = (await desk.upload(samples.render(samples.SAMPLES[1]), pet_id=other_pet)).json()

    assert [p["id"] for p in await desk.listed()] == [third["id"], second["id"], first["id"]]
    assert [p["id"] for p in await desk.listed(pet_id=desk.pet_id)] == [second["id"], first["id"]]
    assert [p["id"] for p in await desk.listed(status="DRAFT")] == [first["id"]]
    r = await desk.client.get(URL, params={"page_size": 2}, headers=desk.owner)
    page = r.json()
    assert len(page["items"]) == 2
    rest = await desk.listed(page_size=2, cursor=page["next_cursor"])
    assert [p["id"] for p in rest] == [first["id"]]


# --- bad input is a problem naming its field, never a 500 ------------------------------------


async def test_uploads_are_checked_by_content(desk: Desk) -> None:
    r = await desk.upload(b"%PDF-1.4 just text", content_type="image/jpeg")
    assert (r.status_code, problem_fields(r)) == (415, {"file"})
    r = await desk.upload(b"\xff\xd8\xff" + b"broken" * 10)
    assert (r.status_code, problem_fields(r)) == (422, {"file"})
    r = await desk.client.post(
        URL, files={"file": ("a.jpg", samples.blank_photo(), "image/jpeg")}, headers=desk.owner
    )
    assert (r.status_code, problem_fields(r)) == (422, {"pet_id"})
    r = await desk.upload(samples.blank_photo(), pet_id="not-a-pet")
    assert (r.status_code, problem_fields(r)) == (422, {"pet_id"})
    r = await desk.upload(samples.blank_photo(), pet_id=str(uuid.uuid4()))
    assert (r.status_code, problem_fields(r)) == (404, {"pet_id"})
    assert await desk.listed() == []


async def test_corrections_and_confirmations_name_their_bad_fields(desk: Desk) -> None:
    draft = await desk.read(samples.render(samples.SAMPLES[0]))
    pid = draft["id"]
    meds = editable(draft["medications"])
    cases: list[tuple[list[dict[str, Any]], set[str]]] = [
        ([meds[0] | {"doses_per_day": 9}], {"medications.0.doses_per_day"}),
        ([meds[0] | {"days": 0}], {"medications.0.days"}),
        ([meds[0] | {"drug_name": "x" * 101}], {"medications.0.drug_name"}),
        ([meds[0] | {"drug_name": "   "}], {"medications.0.drug_name"}),
        ([meds[0] | {"drug_name_line": 150}], {"medications.0.drug_name_line"}),
        ([meds[0] | {"colour": "red"}], {"medications.0.colour"}),
        ([meds[0]] * 11, {"medications"}),
    ]
    for body, fields in cases:
        r = await desk.put_medications(pid, body)
        assert (r.status_code, problem_fields(r)) == (422, fields), body

    bad_confirms: list[tuple[dict[str, Any], set[str]]] = [
        ({"reminder_lead_minutes": 15}, {"reminder_lead_minutes"}),
        ({"start_date": (TODAY - timedelta(days=1)).isoformat()}, {"start_date"}),
        ({"start_date": "2025-13-01"}, {"start_date"}),
        ({"dose_times": [["08:00"], ["09:00"], ["10:00"]]}, {"dose_times.0", "dose_times.1"}),
        ({"dose_times": [["8:00", "20:00"]]}, {"dose_times.0.0"}),
        ({"dose_times": [["08:00", "20:00"]]}, {"dose_times"}),
    ]
    for confirmation, fields in bad_confirms:
        r = await desk.confirm(pid, **confirmation)
        assert (r.status_code, problem_fields(r)) == (422, fields), confirmation

    incomplete = [m | {"days": None} for m in meds]
    assert (await desk.put_medications(pid, incomplete)).status_code == 200
    r = await desk.confirm(pid)
    assert r.status_code == 422
    assert problem_fields(r) == {f"medications.{i}.days" for i in range(len(meds))}
    assert (await desk.got(pid))["status"] == "DRAFT"

    assert (await desk.get("not-an-id")).status_code == 422
    assert (await desk.get(str(uuid.uuid4()))).status_code == 404


# --- deleting --------------------------------------------------------------------------------


async def test_deleting_takes_the_photo_with_it(desk: Desk) -> None:
    draft = await desk.read(samples.render(samples.SAMPLES[4]))
    record = await stored_photo(draft["id"])
    assert record is not None
    storage = media.get_storage(desk.edge.settings)
    assert await storage.exists(record.key)

    r = await desk.delete(draft["id"])
    assert r.status_code == 204, r.text
    assert (await desk.get(draft["id"])).status_code == 404
    assert (await desk.delete(draft["id"])).status_code == 404
    async with transaction() as session:
        row = await session.scalar(
            sa.select(media.media_table("health").c.status).where(
                media.media_table("health").c.id == record.id
            )
        )
    assert row == media.Status.DELETED.value
    assert not await storage.exists(record.key)


async def test_no_rpc_turns_an_extreme_value_into_an_internal_error(desk: Desk) -> None:
    """Every PrescriptionService RPC with every number at an end of its type, on a real
    draft of the caller's: refused as invalid, never INTERNAL (as tests/security does for
    the services the edge tests run)."""
    draft = await desk.read(samples.render(samples.SAMPLES[4]))
    owner = Principal(user_id=desk.edge.users[OWNER], roles=frozenset({"USER"}))
    stub = pb_grpc.PrescriptionServiceStub(channel("health"))
    failures = []
    for method in pb.DESCRIPTOR.services_by_name["PrescriptionService"].methods:
        if method.name in {"DeletePrescription", "UploadPrescription"}:
            continue  # nothing numeric to push to an end
        request_type = getattr(pb, method.input_type.name)
        for end in (0, 1):
            request = _extreme(request_type(), end)
            if "prescription_id" in request_type.DESCRIPTOR.fields_by_name:
                request.prescription_id = draft["id"]
            if "pet_id" in request_type.DESCRIPTOR.fields_by_name:
                request.pet_id = desk.pet_id
            with use_principal(owner):
                try:
                    await getattr(stub, method.name)(request)
                except grpc.aio.AioRpcError as exc:
                    if exc.code() in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN):
                        failures.append(f"{method.name} ({('max', 'min')[end]}): {exc.details()}")
    assert not failures, "\n".join(failures)
    assert (await desk.got(draft["id"]))["status"] == "DRAFT"
