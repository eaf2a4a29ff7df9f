"""Prescription OCR: /api/v1/prescriptions….

Upload a photo of a vet's prescription for one of your pets; the worker reads it (a few
seconds: poll the prescription until its status leaves READING) into a DRAFT of up to 10
medications, each field with the line it was read from. Correct the draft, then confirm it
into medication schedules with dose times and reminders; nothing is scheduled before that.
Only the pet's owner sees a prescription (404 for anyone else, admins included).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Query, Response, UploadFile, status

from petful.edge.auth import CurrentUser
from petful.edge.common import Page, PageSize
from petful.edge.pet_health.prescriptions_schemas import (
    Prescription,
    PrescriptionConfirmIn,
    PrescriptionMedicationsIn,
    PrescriptionStatus,
)
from petful.edge.uploads import read_upload
from petful.pb.health.v1 import prescriptions_pb2 as pb
from petful.pb.health.v1 import prescriptions_pb2_grpc as pb_grpc
from petful.platform.grpc_client import channel
from petful.platform.settings import get_settings

router = APIRouter(prefix="/api/v1/prescriptions", tags=["health"])

PrescriptionId = Annotated[str, Path(max_length=64, description="the prescription's id")]
Cursor = Annotated[str | None, Query(max_length=200)]


def prescriptions() -> pb_grpc.PrescriptionServiceStub:
    return pb_grpc.PrescriptionServiceStub(channel("health"))


@router.post("", response_model=Prescription, status_code=status.HTTP_201_CREATED)
async def upload_prescription(
    file: Annotated[UploadFile, File(description="A photo: JPEG, PNG, WebP or GIF, at most 10 MB")],
    pet_id: Annotated[str, Query(max_length=64, description="Which of your pets it is for")],
    user: CurrentUser,
) -> Prescription:
    """Upload a prescription photo for one of your pets (`?pet_id=`; checked by content:
    415 wrong type, 413 too large, 422 damaged). It is READING until the worker has read
    it; 429 while 5 of yours are."""
    data = await read_upload(file, get_settings().media.max_bytes)
    r = await prescriptions().UploadPrescription(
        pb.UploadPrescriptionRequest(pet_id=pet_id, data=data, filename=file.filename or "")
    )
    return Prescription.from_pb(r)


@router.get("", response_model=Page[Prescription])
async def list_prescriptions(
    user: CurrentUser,
    pet_id: Annotated[str | None, Query(max_length=64)] = None,
    status_: Annotated[PrescriptionStatus | None, Query(alias="status")] = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[Prescription]:
    """Your prescriptions, newest first (of one pet, or in one status, when asked)."""
    r = await prescriptions().ListPrescriptions(
        pb.ListPrescriptionsRequest(
            pet_id=pet_id or "",
            status=f"PRESCRIPTION_STATUS_{status_}" if status_ else None,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[Prescription](
        items=[Prescription.from_pb(p) for p in r.items], next_cursor=r.next_cursor or None
    )


@router.get("/{prescription_id}", response_model=Prescription)
async def get_prescription(prescription_id: PrescriptionId, user: CurrentUser) -> Prescription:
    r = await prescriptions().GetPrescription(
        pb.GetPrescriptionRequest(prescription_id=prescription_id)
    )
    return Prescription.from_pb(r)


@router.get(
    "/{prescription_id}/photo",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}, "image/webp": {}}}},
)
async def get_prescription_photo(prescription_id: PrescriptionId, user: CurrentUser) -> Response:
    """The photo as stored (metadata stripped). Private: never cached by shared caches."""
    r = await prescriptions().GetPrescriptionPhoto(
        pb.GetPrescriptionRequest(prescription_id=prescription_id)
    )
    return Response(
        content=r.data,
        media_type=r.content_type,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )


@router.put("/{prescription_id}/medications", response_model=Prescription)
async def put_medications(
    prescription_id: PrescriptionId, body: PrescriptionMedicationsIn, user: CurrentUser
) -> Prescription:
    """Replace a draft's medications with your corrected list (add, change, remove; at
    most 10). 409 once confirmed or while still being read."""
    r = await prescriptions().UpdateMedications(
        pb.UpdateMedicationsRequest(
            prescription_id=prescription_id, medications=[m.to_pb() for m in body.medications]
        )
    )
    return Prescription.from_pb(r)


@router.post("/{prescription_id}/confirm", response_model=Prescription)
async def confirm_prescription(
    prescription_id: PrescriptionId, body: PrescriptionConfirmIn, user: CurrentUser
) -> Prescription:
    """Schedule the draft: one MEDICATION schedule per medication from `start_date`, at
    its dose times, with reminders. 422 names what a medication still lacks (its doses a
    day or days); 409 unless it is a draft."""
    r = await prescriptions().ConfirmPrescription(body.to_pb(prescription_id))
    return Prescription.from_pb(r)


@router.delete("/{prescription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_prescription(prescription_id: PrescriptionId, user: CurrentUser) -> Response:
    """Delete the prescription and its photo. A confirmed one's schedules stay."""
    await prescriptions().DeletePrescription(
        pb.GetPrescriptionRequest(prescription_id=prescription_id)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
