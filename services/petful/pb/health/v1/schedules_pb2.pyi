import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ScheduleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCHEDULE_KIND_UNSPECIFIED: _ClassVar[ScheduleKind]
    SCHEDULE_KIND_MEDICATION: _ClassVar[ScheduleKind]
    SCHEDULE_KIND_CARE: _ClassVar[ScheduleKind]
    SCHEDULE_KIND_VACCINATION: _ClassVar[ScheduleKind]
    SCHEDULE_KIND_EXERCISE: _ClassVar[ScheduleKind]
    SCHEDULE_KIND_TRAINING: _ClassVar[ScheduleKind]

class RecurrenceFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECURRENCE_FREQUENCY_UNSPECIFIED: _ClassVar[RecurrenceFrequency]
    RECURRENCE_FREQUENCY_NONE: _ClassVar[RecurrenceFrequency]
    RECURRENCE_FREQUENCY_DAILY: _ClassVar[RecurrenceFrequency]
    RECURRENCE_FREQUENCY_WEEKLY: _ClassVar[RecurrenceFrequency]
    RECURRENCE_FREQUENCY_MONTHLY: _ClassVar[RecurrenceFrequency]
    RECURRENCE_FREQUENCY_YEARLY: _ClassVar[RecurrenceFrequency]

class EditScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EDIT_SCOPE_UNSPECIFIED: _ClassVar[EditScope]
    EDIT_SCOPE_THIS: _ClassVar[EditScope]
    EDIT_SCOPE_FOLLOWING: _ClassVar[EditScope]
SCHEDULE_KIND_UNSPECIFIED: ScheduleKind
SCHEDULE_KIND_MEDICATION: ScheduleKind
SCHEDULE_KIND_CARE: ScheduleKind
SCHEDULE_KIND_VACCINATION: ScheduleKind
SCHEDULE_KIND_EXERCISE: ScheduleKind
SCHEDULE_KIND_TRAINING: ScheduleKind
RECURRENCE_FREQUENCY_UNSPECIFIED: RecurrenceFrequency
RECURRENCE_FREQUENCY_NONE: RecurrenceFrequency
RECURRENCE_FREQUENCY_DAILY: RecurrenceFrequency
RECURRENCE_FREQUENCY_WEEKLY: RecurrenceFrequency
RECURRENCE_FREQUENCY_MONTHLY: RecurrenceFrequency
RECURRENCE_FREQUENCY_YEARLY: RecurrenceFrequency
EDIT_SCOPE_UNSPECIFIED: EditScope
EDIT_SCOPE_THIS: EditScope
EDIT_SCOPE_FOLLOWING: EditScope

class Recurrence(_message.Message):
    __slots__ = ("frequency", "interval", "weekdays", "month_day", "count")
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    WEEKDAYS_FIELD_NUMBER: _ClassVar[int]
    MONTH_DAY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    frequency: RecurrenceFrequency
    interval: int
    weekdays: _containers.RepeatedScalarFieldContainer[str]
    month_day: int
    count: int
    def __init__(self, frequency: _Optional[_Union[RecurrenceFrequency, str]] = ..., interval: _Optional[int] = ..., weekdays: _Optional[_Iterable[str]] = ..., month_day: _Optional[int] = ..., count: _Optional[int] = ...) -> None: ...

class MedicationDetails(_message.Message):
    __slots__ = ("name", "dosage", "doses_per_day", "duration_days", "from_prescription")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DOSAGE_FIELD_NUMBER: _ClassVar[int]
    DOSES_PER_DAY_FIELD_NUMBER: _ClassVar[int]
    DURATION_DAYS_FIELD_NUMBER: _ClassVar[int]
    FROM_PRESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    dosage: str
    doses_per_day: int
    duration_days: int
    from_prescription: bool
    def __init__(self, name: _Optional[str] = ..., dosage: _Optional[str] = ..., doses_per_day: _Optional[int] = ..., duration_days: _Optional[int] = ..., from_prescription: _Optional[bool] = ...) -> None: ...

class Schedule(_message.Message):
    __slots__ = ("id", "pet_id", "pet_name", "kind", "sub_type", "title", "times", "start_date", "end_date", "recurrence", "rrule", "medication", "reminder_enabled", "reminder_lead_minutes", "memo", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUB_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TIMES_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    RECURRENCE_FIELD_NUMBER: _ClassVar[int]
    RRULE_FIELD_NUMBER: _ClassVar[int]
    MEDICATION_FIELD_NUMBER: _ClassVar[int]
    REMINDER_ENABLED_FIELD_NUMBER: _ClassVar[int]
    REMINDER_LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    pet_id: str
    pet_name: str
    kind: ScheduleKind
    sub_type: str
    title: str
    times: _containers.RepeatedScalarFieldContainer[str]
    start_date: str
    end_date: str
    recurrence: Recurrence
    rrule: str
    medication: MedicationDetails
    reminder_enabled: bool
    reminder_lead_minutes: int
    memo: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., kind: _Optional[_Union[ScheduleKind, str]] = ..., sub_type: _Optional[str] = ..., title: _Optional[str] = ..., times: _Optional[_Iterable[str]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., recurrence: _Optional[_Union[Recurrence, _Mapping]] = ..., rrule: _Optional[str] = ..., medication: _Optional[_Union[MedicationDetails, _Mapping]] = ..., reminder_enabled: _Optional[bool] = ..., reminder_lead_minutes: _Optional[int] = ..., memo: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScheduleFields(_message.Message):
    __slots__ = ("kind", "sub_type", "title", "times", "start_date", "end_date", "recurrence", "medication", "reminder_enabled", "reminder_lead_minutes", "memo")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUB_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TIMES_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    RECURRENCE_FIELD_NUMBER: _ClassVar[int]
    MEDICATION_FIELD_NUMBER: _ClassVar[int]
    REMINDER_ENABLED_FIELD_NUMBER: _ClassVar[int]
    REMINDER_LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    kind: ScheduleKind
    sub_type: str
    title: str
    times: _containers.RepeatedScalarFieldContainer[str]
    start_date: str
    end_date: str
    recurrence: Recurrence
    medication: MedicationDetails
    reminder_enabled: bool
    reminder_lead_minutes: int
    memo: str
    def __init__(self, kind: _Optional[_Union[ScheduleKind, str]] = ..., sub_type: _Optional[str] = ..., title: _Optional[str] = ..., times: _Optional[_Iterable[str]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., recurrence: _Optional[_Union[Recurrence, _Mapping]] = ..., medication: _Optional[_Union[MedicationDetails, _Mapping]] = ..., reminder_enabled: _Optional[bool] = ..., reminder_lead_minutes: _Optional[int] = ..., memo: _Optional[str] = ...) -> None: ...

class CreateScheduleRequest(_message.Message):
    __slots__ = ("pet_id", "schedule")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule: ScheduleFields
    def __init__(self, pet_id: _Optional[str] = ..., schedule: _Optional[_Union[ScheduleFields, _Mapping]] = ...) -> None: ...

class GetScheduleRequest(_message.Message):
    __slots__ = ("schedule_id",)
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    schedule_id: str
    def __init__(self, schedule_id: _Optional[str] = ...) -> None: ...

class ListSchedulesRequest(_message.Message):
    __slots__ = ("pet_id", "kind")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    kind: ScheduleKind
    def __init__(self, pet_id: _Optional[str] = ..., kind: _Optional[_Union[ScheduleKind, str]] = ...) -> None: ...

class ListSchedulesResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Schedule]
    def __init__(self, items: _Optional[_Iterable[_Union[Schedule, _Mapping]]] = ...) -> None: ...

class UpdateScheduleRequest(_message.Message):
    __slots__ = ("pet_id", "schedule_id", "schedule")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule_id: str
    schedule: ScheduleFields
    def __init__(self, pet_id: _Optional[str] = ..., schedule_id: _Optional[str] = ..., schedule: _Optional[_Union[ScheduleFields, _Mapping]] = ...) -> None: ...

class DeleteScheduleRequest(_message.Message):
    __slots__ = ("pet_id", "schedule_id")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule_id: str
    def __init__(self, pet_id: _Optional[str] = ..., schedule_id: _Optional[str] = ...) -> None: ...

class DeleteScheduleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetReminderRequest(_message.Message):
    __slots__ = ("pet_id", "schedule_id", "enabled", "lead_minutes")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule_id: str
    enabled: bool
    lead_minutes: int
    def __init__(self, pet_id: _Optional[str] = ..., schedule_id: _Optional[str] = ..., enabled: _Optional[bool] = ..., lead_minutes: _Optional[int] = ...) -> None: ...

class ListOccurrencesRequest(_message.Message):
    __slots__ = ("pet_id", "to", "kinds")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    to: _timestamp_pb2.Timestamp
    kinds: _containers.RepeatedScalarFieldContainer[ScheduleKind]
    def __init__(self, pet_id: _Optional[str] = ..., to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kinds: _Optional[_Iterable[_Union[ScheduleKind, str]]] = ..., **kwargs) -> None: ...

class Occurrence(_message.Message):
    __slots__ = ("schedule_id", "pet_id", "pet_name", "key", "starts_at", "kind", "sub_type", "title", "overridden", "recurring", "medication_name", "dosage", "reminder_enabled", "reminder_lead_minutes")
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUB_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OVERRIDDEN_FIELD_NUMBER: _ClassVar[int]
    RECURRING_FIELD_NUMBER: _ClassVar[int]
    MEDICATION_NAME_FIELD_NUMBER: _ClassVar[int]
    DOSAGE_FIELD_NUMBER: _ClassVar[int]
    REMINDER_ENABLED_FIELD_NUMBER: _ClassVar[int]
    REMINDER_LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    schedule_id: str
    pet_id: str
    pet_name: str
    key: str
    starts_at: _timestamp_pb2.Timestamp
    kind: ScheduleKind
    sub_type: str
    title: str
    overridden: bool
    recurring: bool
    medication_name: str
    dosage: str
    reminder_enabled: bool
    reminder_lead_minutes: int
    def __init__(self, schedule_id: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., key: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kind: _Optional[_Union[ScheduleKind, str]] = ..., sub_type: _Optional[str] = ..., title: _Optional[str] = ..., overridden: _Optional[bool] = ..., recurring: _Optional[bool] = ..., medication_name: _Optional[str] = ..., dosage: _Optional[str] = ..., reminder_enabled: _Optional[bool] = ..., reminder_lead_minutes: _Optional[int] = ...) -> None: ...

class ListOccurrencesResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Occurrence]
    def __init__(self, items: _Optional[_Iterable[_Union[Occurrence, _Mapping]]] = ...) -> None: ...

class EditOccurrenceRequest(_message.Message):
    __slots__ = ("pet_id", "schedule_id", "key", "scope", "date", "time", "title", "schedule")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule_id: str
    key: str
    scope: EditScope
    date: str
    time: str
    title: str
    schedule: ScheduleFields
    def __init__(self, pet_id: _Optional[str] = ..., schedule_id: _Optional[str] = ..., key: _Optional[str] = ..., scope: _Optional[_Union[EditScope, str]] = ..., date: _Optional[str] = ..., time: _Optional[str] = ..., title: _Optional[str] = ..., schedule: _Optional[_Union[ScheduleFields, _Mapping]] = ...) -> None: ...

class CancelOccurrenceRequest(_message.Message):
    __slots__ = ("pet_id", "schedule_id", "key", "scope")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    schedule_id: str
    key: str
    scope: EditScope
    def __init__(self, pet_id: _Optional[str] = ..., schedule_id: _Optional[str] = ..., key: _Optional[str] = ..., scope: _Optional[_Union[EditScope, str]] = ...) -> None: ...

class Reminder(_message.Message):
    __slots__ = ("id", "schedule_id", "pet_id", "pet_name", "kind", "sub_type", "title", "occurs_at", "fired_at", "lead_minutes")
    ID_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUB_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OCCURS_AT_FIELD_NUMBER: _ClassVar[int]
    FIRED_AT_FIELD_NUMBER: _ClassVar[int]
    LEAD_MINUTES_FIELD_NUMBER: _ClassVar[int]
    id: str
    schedule_id: str
    pet_id: str
    pet_name: str
    kind: ScheduleKind
    sub_type: str
    title: str
    occurs_at: _timestamp_pb2.Timestamp
    fired_at: _timestamp_pb2.Timestamp
    lead_minutes: int
    def __init__(self, id: _Optional[str] = ..., schedule_id: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., kind: _Optional[_Union[ScheduleKind, str]] = ..., sub_type: _Optional[str] = ..., title: _Optional[str] = ..., occurs_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fired_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lead_minutes: _Optional[int] = ...) -> None: ...

class ListRemindersRequest(_message.Message):
    __slots__ = ("page_size", "cursor")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    cursor: str
    def __init__(self, page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListRemindersResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Reminder]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Reminder, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class CalendarFeed(_message.Message):
    __slots__ = ("enabled", "token", "created_at")
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    token: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, enabled: _Optional[bool] = ..., token: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetCalendarFeedRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EnableCalendarFeedRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DisableCalendarFeedRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RenderCalendarFeedRequest(_message.Message):
    __slots__ = ("token",)
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    token: str
    def __init__(self, token: _Optional[str] = ...) -> None: ...

class RenderCalendarFeedResponse(_message.Message):
    __slots__ = ("ics",)
    ICS_FIELD_NUMBER: _ClassVar[int]
    ics: str
    def __init__(self, ics: _Optional[str] = ...) -> None: ...
