"""The PrescriptionService servicer: protobuf <-> service calls. Each RPC is one
transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.health.base import Clock, utc_now
from petful.health.pets import GrpcPets, PetsPort
from petful.health.prescriptions import rules, service
from petful.health.prescriptions.models import Prescription
from petful.health.prescriptions.rules import Medication, MedicationInput
from petful.health.schedules.service import schedule_medications
from petful.pb.health.v1 import prescriptions_pb2 as pb
from petful.pb.health.v1 import prescriptions_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.paging import Page
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings


def medication_to_pb(m: Medication) -> pb.PrescribedMedication:
    return pb.PrescribedMedication(
        drug_name=m.drug_name,
        dosage=m.dosage,
        administration=m.administration,
        doses_per_day=m.doses_per_day,
        days=m.days,
        drug_name_line=m.drug_name_line,
        dosage_line=m.dosage_line,
        administration_line=m.administration_line,
        days_line=m.days_line,
        suggested_times=list(rules.suggested_times(m)),
    )


def prescription_to_pb(p: Prescription) -> pb.Prescription:
    return pb.Prescription(
        id=str(p.id),
        pet_id=str(p.pet_id),
        # Enum fields take their value's name: the domain's name with the message prefix.
        status=f"PRESCRIPTION_STATUS_{p.status}",
        notice=f"PRESCRIPTION_NOTICE_{p.notice}" if p.notice else None,
        lines=list(p.lines),
        medications=[medication_to_pb(m) for m in p.medication_list],
        created_at=to_timestamp(p.created_at),
        updated_at=to_timestamp(p.updated_at),
        read_at=opt_timestamp(p.read_at),
        confirmed_at=opt_timestamp(p.confirmed_at),
        start_date=p.start_date.isoformat() if p.start_date else "",
        reminder_lead_minutes=p.reminder_lead_minutes,
        schedule_ids=list(p.schedule_ids),
    )


def _optional(m: pb.PrescribedMedication, name: str) -> int | None:
    return getattr(m, name) if m.HasField(name) else None


def medication_input(m: pb.PrescribedMedication) -> MedicationInput:
    return MedicationInput(
        drug_name=m.drug_name,
        dosage=m.dosage,
        administration=m.administration,
        doses_per_day=_optional(m, "doses_per_day"),
        days=_optional(m, "days"),
        drug_name_line=_optional(m, "drug_name_line"),
        dosage_line=_optional(m, "dosage_line"),
        administration_line=_optional(m, "administration_line"),
        days_line=_optional(m, "days_line"),
    )


def _page_to_pb(page: Page[Prescription]) -> pb.ListPrescriptionsResponse:
    return pb.ListPrescriptionsResponse(
        items=[prescription_to_pb(p) for p in page.items], next_cursor=page.next_cursor
    )


class PrescriptionServicer(pb_grpc.PrescriptionServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        pets: PetsPort,
        scheduler: service.Scheduler,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.pets = pets
        self.scheduler = scheduler

    async def UploadPrescription(
        self, request: pb.UploadPrescriptionRequest, context: Any
    ) -> pb.Prescription:
        actor = require_principal()
        async with transaction(self.settings) as session:
            p = await service.upload(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                data=request.data,
                filename=request.filename,
                settings=self.settings,
            )
            return prescription_to_pb(p)

    async def ListPrescriptions(
        self, request: pb.ListPrescriptionsRequest, context: Any
    ) -> pb.ListPrescriptionsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_mine(
                session,
                actor=actor,
                pets=self.pets,
                pet_id=request.pet_id,
                status=enum_name(pb.PrescriptionStatus, request.status, "PRESCRIPTION_STATUS_"),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return _page_to_pb(page)

    async def GetPrescription(
        self, request: pb.GetPrescriptionRequest, context: Any
    ) -> pb.Prescription:
        actor = require_principal()
        async with transaction(self.settings) as session:
            p = await service.get(
                session, actor=actor, pets=self.pets, prescription_id=request.prescription_id
            )
            return prescription_to_pb(p)

    async def GetPrescriptionPhoto(
        self, request: pb.GetPrescriptionRequest, context: Any
    ) -> pb.PrescriptionPhoto:
        actor = require_principal()
        async with transaction(self.settings) as session:
            photo = await service.photo(
                session,
                actor=actor,
                pets=self.pets,
                prescription_id=request.prescription_id,
                settings=self.settings,
            )
            return pb.PrescriptionPhoto(content_type=photo.content_type, data=photo.data)

    async def UpdateMedications(
        self, request: pb.UpdateMedicationsRequest, context: Any
    ) -> pb.Prescription:
        actor = require_principal()
        async with transaction(self.settings) as session:
            p = await service.update_medications(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                prescription_id=request.prescription_id,
                medications=[medication_input(m) for m in request.medications],
            )
            return prescription_to_pb(p)

    async def ConfirmPrescription(
        self, request: pb.ConfirmPrescriptionRequest, context: Any
    ) -> pb.Prescription:
        actor = require_principal()
        async with transaction(self.settings) as session:
            p = await service.confirm(
                session,
                actor=actor,
                pets=self.pets,
                scheduler=self.scheduler,
                now=self.clock(),
                prescription_id=request.prescription_id,
                start_date=request.start_date,
                reminder_lead_minutes=(
                    request.reminder_lead_minutes
                    if request.HasField("reminder_lead_minutes")
                    else None
                ),
                dose_times=[list(d.times) for d in request.dose_times] or None,
            )
            return prescription_to_pb(p)

    async def DeletePrescription(
        self, request: pb.GetPrescriptionRequest, context: Any
    ) -> pb.DeletePrescriptionResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                prescription_id=request.prescription_id,
            )
            return pb.DeletePrescriptionResponse()


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    pets: PetsPort | None = None,
    scheduler: service.Scheduler | None = None,
    **_: Any,
) -> None:
    """Add PrescriptionService to server (options the other health parts take are ignored)."""
    pb_grpc.add_PrescriptionServiceServicer_to_server(
        PrescriptionServicer(
            settings or get_settings(),
            clock or utc_now,
            pets or GrpcPets(),
            scheduler or schedule_medications,
        ),
        server,
    )
