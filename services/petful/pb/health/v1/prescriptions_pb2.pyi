import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PrescriptionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRESCRIPTION_STATUS_UNSPECIFIED: _ClassVar[PrescriptionStatus]
    PRESCRIPTION_STATUS_READING: _ClassVar[PrescriptionStatus]
    PRESCRIPTION_STATUS_DRAFT: _ClassVar[PrescriptionStatus]
    PRESCRIPTION_STATUS_CONFIRMED: _ClassVar[PrescriptionStatus]

class PrescriptionNotice(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRESCRIPTION_NOTICE_UNSPECIFIED: _ClassVar[PrescriptionNotice]
    PRESCRIPTION_NOTICE_UNREADABLE: _ClassVar[PrescriptionNotice]
    PRESCRIPTION_NOTICE_NO_MEDICATIONS: _ClassVar[PrescriptionNotice]
    PRESCRIPTION_NOTICE_TOO_MANY: _ClassVar[PrescriptionNotice]
    PRESCRIPTION_NOTICE_TIMED_OUT: _ClassVar[PrescriptionNotice]
    PRESCRIPTION_NOTICE_FAILED: _ClassVar[PrescriptionNotice]
PRESCRIPTION_STATUS_UNSPECIFIED: PrescriptionStatus
PRESCRIPTION_STATUS_READING: PrescriptionStatus
PRESCRIPTION_STATUS_DRAFT: PrescriptionStatus
PRESCRIPTION_STATUS_CONFIRMED: PrescriptionStatus
PRESCRIPTION_NOTICE_UNSPECIFIED: PrescriptionNotice
PRESCRIPTION_NOTICE_UNREADABLE: PrescriptionNotice
PRESCRIPTION_NOTICE_NO_MEDICATIONS: PrescriptionNotice
PRESCRIPTION_NOTICE_TOO_MANY: PrescriptionNotice
PRESCRIPTION_NOTICE_TIMED_OUT: PrescriptionNotice
PRESCRIPTION_NOTICE_FAILED: PrescriptionNotice

class PrescribedMedication(_message.Message):
    __slots__ = ("drug_name", "dosage", "administration", "doses_per_day", "days", "drug_name_line", "dosage_line", "administration_line", "days_line", "suggested_times")
    DRUG_NAME_FIELD_NUMBER: _ClassVar[int]
    DOSAGE_FIELD_NUMBER: _ClassVar[int]
    ADMINISTRATION_FIELD_NUMBER: _ClassVar[int]
    DOSES_PER_DAY_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    DRUG_NAME_LINE_FIELD_NUMBER: _ClassVar[int]
    DOSAGE_LINE_FIELD_NUMBER: _ClassVar[int]
    ADMINISTRATION_LINE_FIELD_NUMBER: _ClassVar[int]
    DAYS_LINE_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_TIMES_FIELD_NUMBER: _ClassVar[int]
    drug_name: str
    dosage: str
    administration: str
    doses_per_day: int
    days: int
    drug_name_line: int
    dosage_line: int
    administration_line: int
    days_line: int
    suggested_times: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, drug_name: _Optional[str] = ..., dosage: _Optional[str] = ..., administration: _Optional[str] = ..., doses_per_day: _Optional[int] = ..., days: _Optional[int] = ..., drug_name_line: _Optional[int] = ..., dosage_line: _Optional[int] = ..., administration_line: _Optional[int] = ..., days_line: _Optional[int] = ..., suggested_times: _Optional[_Iterable[str]] = ...) -> None: ...

class Prescription(_message.Message):
    __slots__ = ("id", "pet_id", "status", "notice", "lines", "medications", "created_at", "read_at", "confirmed_at", "start_date", "reminder_lead_minutes", "schedule_ids", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    MEDICATIONS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_AT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    REMINDER_LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_IDS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    pet_id: str
    status: PrescriptionStatus
    notice: PrescriptionNotice
    lines: _containers.RepeatedScalarFieldContainer[str]
    medications: _containers.RepeatedCompositeFieldContainer[PrescribedMedication]
    created_at: _timestamp_pb2.Timestamp
    read_at: _timestamp_pb2.Timestamp
    confirmed_at: _timestamp_pb2.Timestamp
    start_date: str
    reminder_lead_minutes: int
    schedule_ids: _containers.RepeatedScalarFieldContainer[str]
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., pet_id: _Optional[str] = ..., status: _Optional[_Union[PrescriptionStatus, str]] = ..., notice: _Optional[_Union[PrescriptionNotice, str]] = ..., lines: _Optional[_Iterable[str]] = ..., medications: _Optional[_Iterable[_Union[PrescribedMedication, _Mapping]]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., confirmed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_date: _Optional[str] = ..., reminder_lead_minutes: _Optional[int] = ..., schedule_ids: _Optional[_Iterable[str]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UploadPrescriptionRequest(_message.Message):
    __slots__ = ("pet_id", "data", "filename")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    data: bytes
    filename: str
    def __init__(self, pet_id: _Optional[str] = ..., data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class ListPrescriptionsRequest(_message.Message):
    __slots__ = ("pet_id", "status", "page_size", "cursor")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    status: PrescriptionStatus
    page_size: int
    cursor: str
    def __init__(self, pet_id: _Optional[str] = ..., status: _Optional[_Union[PrescriptionStatus, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListPrescriptionsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Prescription]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Prescription, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class GetPrescriptionRequest(_message.Message):
    __slots__ = ("prescription_id",)
    PRESCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    prescription_id: str
    def __init__(self, prescription_id: _Optional[str] = ...) -> None: ...

class PrescriptionPhoto(_message.Message):
    __slots__ = ("content_type", "data")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    data: bytes
    def __init__(self, content_type: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class UpdateMedicationsRequest(_message.Message):
    __slots__ = ("prescription_id", "medications")
    PRESCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    MEDICATIONS_FIELD_NUMBER: _ClassVar[int]
    prescription_id: str
    medications: _containers.RepeatedCompositeFieldContainer[PrescribedMedication]
    def __init__(self, prescription_id: _Optional[str] = ..., medications: _Optional[_Iterable[_Union[PrescribedMedication, _Mapping]]] = ...) -> None: ...

class PrescriptionDoseTimes(_message.Message):
    __slots__ = ("times",)
    TIMES_FIELD_NUMBER: _ClassVar[int]
    times: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, times: _Optional[_Iterable[str]] = ...) -> None: ...

class ConfirmPrescriptionRequest(_message.Message):
    __slots__ = ("prescription_id", "start_date", "reminder_lead_minutes", "dose_times")
    PRESCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    REMINDER_LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    DOSE_TIMES_FIELD_NUMBER: _ClassVar[int]
    prescription_id: str
    start_date: str
    reminder_lead_minutes: int
    dose_times: _containers.RepeatedCompositeFieldContainer[PrescriptionDoseTimes]
    def __init__(self, prescription_id: _Optional[str] = ..., start_date: _Optional[str] = ..., reminder_lead_minutes: _Optional[int] = ..., dose_times: _Optional[_Iterable[_Union[PrescriptionDoseTimes, _Mapping]]] = ...) -> None: ...

class DeletePrescriptionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
