import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ActivityLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTIVITY_LEVEL_UNSPECIFIED: _ClassVar[ActivityLevel]
    ACTIVITY_LEVEL_LOW: _ClassVar[ActivityLevel]
    ACTIVITY_LEVEL_MEDIUM_LOW: _ClassVar[ActivityLevel]
    ACTIVITY_LEVEL_MEDIUM_HIGH: _ClassVar[ActivityLevel]
    ACTIVITY_LEVEL_HIGH: _ClassVar[ActivityLevel]

class MealType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEAL_TYPE_UNSPECIFIED: _ClassVar[MealType]
    MEAL_TYPE_BREAKFAST: _ClassVar[MealType]
    MEAL_TYPE_LUNCH: _ClassVar[MealType]
    MEAL_TYPE_DINNER: _ClassVar[MealType]
    MEAL_TYPE_SNACK: _ClassVar[MealType]
ACTIVITY_LEVEL_UNSPECIFIED: ActivityLevel
ACTIVITY_LEVEL_LOW: ActivityLevel
ACTIVITY_LEVEL_MEDIUM_LOW: ActivityLevel
ACTIVITY_LEVEL_MEDIUM_HIGH: ActivityLevel
ACTIVITY_LEVEL_HIGH: ActivityLevel
MEAL_TYPE_UNSPECIFIED: MealType
MEAL_TYPE_BREAKFAST: MealType
MEAL_TYPE_LUNCH: MealType
MEAL_TYPE_DINNER: MealType
MEAL_TYPE_SNACK: MealType

class MealFields(_message.Message):
    __slots__ = ("meal_type", "food", "package_g", "package_kcal", "consumed_g")
    MEAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    FOOD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_G_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_KCAL_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_G_FIELD_NUMBER: _ClassVar[int]
    meal_type: MealType
    food: str
    package_g: float
    package_kcal: float
    consumed_g: float
    def __init__(self, meal_type: _Optional[_Union[MealType, str]] = ..., food: _Optional[str] = ..., package_g: _Optional[float] = ..., package_kcal: _Optional[float] = ..., consumed_g: _Optional[float] = ...) -> None: ...

class ActivityFields(_message.Message):
    __slots__ = ("date", "walk_km", "activity_level", "weight_kg", "sleep_hours", "poop_count", "pee_count", "memo", "meals")
    DATE_FIELD_NUMBER: _ClassVar[int]
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    MEALS_FIELD_NUMBER: _ClassVar[int]
    date: str
    walk_km: float
    activity_level: ActivityLevel
    weight_kg: float
    sleep_hours: float
    poop_count: int
    pee_count: int
    memo: str
    meals: _containers.RepeatedCompositeFieldContainer[MealFields]
    def __init__(self, date: _Optional[str] = ..., walk_km: _Optional[float] = ..., activity_level: _Optional[_Union[ActivityLevel, str]] = ..., weight_kg: _Optional[float] = ..., sleep_hours: _Optional[float] = ..., poop_count: _Optional[int] = ..., pee_count: _Optional[int] = ..., memo: _Optional[str] = ..., meals: _Optional[_Iterable[_Union[MealFields, _Mapping]]] = ...) -> None: ...

class Meal(_message.Message):
    __slots__ = ("id", "meal_type", "meal_type_label", "food", "package_g", "package_kcal", "consumed_g", "consumed_kcal")
    ID_FIELD_NUMBER: _ClassVar[int]
    MEAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    MEAL_TYPE_LABEL_FIELD_NUMBER: _ClassVar[int]
    FOOD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_G_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_KCAL_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_G_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_KCAL_FIELD_NUMBER: _ClassVar[int]
    id: str
    meal_type: MealType
    meal_type_label: str
    food: str
    package_g: float
    package_kcal: float
    consumed_g: float
    consumed_kcal: int
    def __init__(self, id: _Optional[str] = ..., meal_type: _Optional[_Union[MealType, str]] = ..., meal_type_label: _Optional[str] = ..., food: _Optional[str] = ..., package_g: _Optional[float] = ..., package_kcal: _Optional[float] = ..., consumed_g: _Optional[float] = ..., consumed_kcal: _Optional[int] = ...) -> None: ...

class Activity(_message.Message):
    __slots__ = ("id", "pet_id", "date", "walk_km", "activity_level", "activity_level_label", "activity_factor", "weight_kg", "sleep_hours", "poop_count", "pee_count", "memo", "meals", "burn_recommended_kcal", "burn_actual_kcal", "intake_recommended_kcal", "intake_kcal", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_LEVEL_LABEL_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FACTOR_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    MEALS_FIELD_NUMBER: _ClassVar[int]
    BURN_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    BURN_ACTUAL_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KCAL_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    pet_id: str
    date: str
    walk_km: float
    activity_level: ActivityLevel
    activity_level_label: str
    activity_factor: float
    weight_kg: float
    sleep_hours: float
    poop_count: int
    pee_count: int
    memo: str
    meals: _containers.RepeatedCompositeFieldContainer[Meal]
    burn_recommended_kcal: int
    burn_actual_kcal: int
    intake_recommended_kcal: int
    intake_kcal: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., pet_id: _Optional[str] = ..., date: _Optional[str] = ..., walk_km: _Optional[float] = ..., activity_level: _Optional[_Union[ActivityLevel, str]] = ..., activity_level_label: _Optional[str] = ..., activity_factor: _Optional[float] = ..., weight_kg: _Optional[float] = ..., sleep_hours: _Optional[float] = ..., poop_count: _Optional[int] = ..., pee_count: _Optional[int] = ..., memo: _Optional[str] = ..., meals: _Optional[_Iterable[_Union[Meal, _Mapping]]] = ..., burn_recommended_kcal: _Optional[int] = ..., burn_actual_kcal: _Optional[int] = ..., intake_recommended_kcal: _Optional[int] = ..., intake_kcal: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateActivityRequest(_message.Message):
    __slots__ = ("pet_id", "activity")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    activity: ActivityFields
    def __init__(self, pet_id: _Optional[str] = ..., activity: _Optional[_Union[ActivityFields, _Mapping]] = ...) -> None: ...

class GetActivityRequest(_message.Message):
    __slots__ = ("pet_id", "date")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    date: str
    def __init__(self, pet_id: _Optional[str] = ..., date: _Optional[str] = ...) -> None: ...

class MealChange(_message.Message):
    __slots__ = ("id", "remove", "meal_type", "food", "package_g", "package_kcal", "consumed_g")
    ID_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    MEAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    FOOD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_G_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_KCAL_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_G_FIELD_NUMBER: _ClassVar[int]
    id: str
    remove: bool
    meal_type: MealType
    food: str
    package_g: float
    package_kcal: float
    consumed_g: float
    def __init__(self, id: _Optional[str] = ..., remove: _Optional[bool] = ..., meal_type: _Optional[_Union[MealType, str]] = ..., food: _Optional[str] = ..., package_g: _Optional[float] = ..., package_kcal: _Optional[float] = ..., consumed_g: _Optional[float] = ...) -> None: ...

class UpdateActivityRequest(_message.Message):
    __slots__ = ("pet_id", "date", "walk_km", "activity_level", "weight_kg", "sleep_hours", "poop_count", "pee_count", "memo", "meals")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    MEALS_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    date: str
    walk_km: float
    activity_level: ActivityLevel
    weight_kg: float
    sleep_hours: float
    poop_count: int
    pee_count: int
    memo: str
    meals: _containers.RepeatedCompositeFieldContainer[MealChange]
    def __init__(self, pet_id: _Optional[str] = ..., date: _Optional[str] = ..., walk_km: _Optional[float] = ..., activity_level: _Optional[_Union[ActivityLevel, str]] = ..., weight_kg: _Optional[float] = ..., sleep_hours: _Optional[float] = ..., poop_count: _Optional[int] = ..., pee_count: _Optional[int] = ..., memo: _Optional[str] = ..., meals: _Optional[_Iterable[_Union[MealChange, _Mapping]]] = ...) -> None: ...

class DeleteActivityRequest(_message.Message):
    __slots__ = ("pet_id", "date")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    date: str
    def __init__(self, pet_id: _Optional[str] = ..., date: _Optional[str] = ...) -> None: ...

class DeleteActivityResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListActivityDaysRequest(_message.Message):
    __slots__ = ("pet_id", "year", "month")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    year: int
    month: int
    def __init__(self, pet_id: _Optional[str] = ..., year: _Optional[int] = ..., month: _Optional[int] = ...) -> None: ...

class ListActivityDaysResponse(_message.Message):
    __slots__ = ("dates",)
    DATES_FIELD_NUMBER: _ClassVar[int]
    dates: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, dates: _Optional[_Iterable[str]] = ...) -> None: ...

class GetHealthReportRequest(_message.Message):
    __slots__ = ("pet_id", "to")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    to: str
    def __init__(self, pet_id: _Optional[str] = ..., to: _Optional[str] = ..., **kwargs) -> None: ...

class ReportDay(_message.Message):
    __slots__ = ("date", "recorded", "walk_km", "burn_recommended_kcal", "burn_actual_kcal", "intake_recommended_kcal", "intake_kcal", "sleep_hours", "poop_count", "pee_count", "weight_kg")
    DATE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    BURN_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    BURN_ACTUAL_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KCAL_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    date: str
    recorded: bool
    walk_km: float
    burn_recommended_kcal: int
    burn_actual_kcal: int
    intake_recommended_kcal: int
    intake_kcal: int
    sleep_hours: float
    poop_count: int
    pee_count: int
    weight_kg: float
    def __init__(self, date: _Optional[str] = ..., recorded: _Optional[bool] = ..., walk_km: _Optional[float] = ..., burn_recommended_kcal: _Optional[int] = ..., burn_actual_kcal: _Optional[int] = ..., intake_recommended_kcal: _Optional[int] = ..., intake_kcal: _Optional[int] = ..., sleep_hours: _Optional[float] = ..., poop_count: _Optional[int] = ..., pee_count: _Optional[int] = ..., weight_kg: _Optional[float] = ...) -> None: ...

class ReportTotals(_message.Message):
    __slots__ = ("recorded_days", "walk_km", "burn_actual_kcal", "burn_recommended_kcal", "intake_kcal", "intake_recommended_kcal", "poop_count", "pee_count", "sleep_hours")
    RECORDED_DAYS_FIELD_NUMBER: _ClassVar[int]
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    BURN_ACTUAL_KCAL_FIELD_NUMBER: _ClassVar[int]
    BURN_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_RECOMMENDED_KCAL_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    recorded_days: int
    walk_km: float
    burn_actual_kcal: int
    burn_recommended_kcal: int
    intake_kcal: int
    intake_recommended_kcal: int
    poop_count: int
    pee_count: int
    sleep_hours: float
    def __init__(self, recorded_days: _Optional[int] = ..., walk_km: _Optional[float] = ..., burn_actual_kcal: _Optional[int] = ..., burn_recommended_kcal: _Optional[int] = ..., intake_kcal: _Optional[int] = ..., intake_recommended_kcal: _Optional[int] = ..., poop_count: _Optional[int] = ..., pee_count: _Optional[int] = ..., sleep_hours: _Optional[float] = ...) -> None: ...

class ReportAverages(_message.Message):
    __slots__ = ("walk_km", "burn_actual_kcal", "intake_kcal", "sleep_hours", "poop_count", "pee_count")
    WALK_KM_FIELD_NUMBER: _ClassVar[int]
    BURN_ACTUAL_KCAL_FIELD_NUMBER: _ClassVar[int]
    INTAKE_KCAL_FIELD_NUMBER: _ClassVar[int]
    SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    POOP_COUNT_FIELD_NUMBER: _ClassVar[int]
    PEE_COUNT_FIELD_NUMBER: _ClassVar[int]
    walk_km: float
    burn_actual_kcal: float
    intake_kcal: float
    sleep_hours: float
    poop_count: float
    pee_count: float
    def __init__(self, walk_km: _Optional[float] = ..., burn_actual_kcal: _Optional[float] = ..., intake_kcal: _Optional[float] = ..., sleep_hours: _Optional[float] = ..., poop_count: _Optional[float] = ..., pee_count: _Optional[float] = ...) -> None: ...

class ReportScores(_message.Message):
    __slots__ = ("walk_achievement", "intake_balance", "excretion", "pee", "poop", "sleep_quality", "walk_ratio", "intake_ratio")
    WALK_ACHIEVEMENT_FIELD_NUMBER: _ClassVar[int]
    INTAKE_BALANCE_FIELD_NUMBER: _ClassVar[int]
    EXCRETION_FIELD_NUMBER: _ClassVar[int]
    PEE_FIELD_NUMBER: _ClassVar[int]
    POOP_FIELD_NUMBER: _ClassVar[int]
    SLEEP_QUALITY_FIELD_NUMBER: _ClassVar[int]
    WALK_RATIO_FIELD_NUMBER: _ClassVar[int]
    INTAKE_RATIO_FIELD_NUMBER: _ClassVar[int]
    walk_achievement: int
    intake_balance: int
    excretion: int
    pee: int
    poop: int
    sleep_quality: int
    walk_ratio: float
    intake_ratio: float
    def __init__(self, walk_achievement: _Optional[int] = ..., intake_balance: _Optional[int] = ..., excretion: _Optional[int] = ..., pee: _Optional[int] = ..., poop: _Optional[int] = ..., sleep_quality: _Optional[int] = ..., walk_ratio: _Optional[float] = ..., intake_ratio: _Optional[float] = ...) -> None: ...

class WeightPoint(_message.Message):
    __slots__ = ("date", "weight_kg")
    DATE_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    date: str
    weight_kg: float
    def __init__(self, date: _Optional[str] = ..., weight_kg: _Optional[float] = ...) -> None: ...

class WeightTrend(_message.Message):
    __slots__ = ("points", "first_kg", "last_kg", "change_kg", "change_percent")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    FIRST_KG_FIELD_NUMBER: _ClassVar[int]
    LAST_KG_FIELD_NUMBER: _ClassVar[int]
    CHANGE_KG_FIELD_NUMBER: _ClassVar[int]
    CHANGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[WeightPoint]
    first_kg: float
    last_kg: float
    change_kg: float
    change_percent: float
    def __init__(self, points: _Optional[_Iterable[_Union[WeightPoint, _Mapping]]] = ..., first_kg: _Optional[float] = ..., last_kg: _Optional[float] = ..., change_kg: _Optional[float] = ..., change_percent: _Optional[float] = ...) -> None: ...

class HealthReport(_message.Message):
    __slots__ = ("pet_id", "to", "days", "totals", "averages", "scores", "weight", "recommended_sleep_hours")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    AVERAGES_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_SLEEP_HOURS_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    to: str
    days: _containers.RepeatedCompositeFieldContainer[ReportDay]
    totals: ReportTotals
    averages: ReportAverages
    scores: ReportScores
    weight: WeightTrend
    recommended_sleep_hours: float
    def __init__(self, pet_id: _Optional[str] = ..., to: _Optional[str] = ..., days: _Optional[_Iterable[_Union[ReportDay, _Mapping]]] = ..., totals: _Optional[_Union[ReportTotals, _Mapping]] = ..., averages: _Optional[_Union[ReportAverages, _Mapping]] = ..., scores: _Optional[_Union[ReportScores, _Mapping]] = ..., weight: _Optional[_Union[WeightTrend, _Mapping]] = ..., recommended_sleep_hours: _Optional[float] = ..., **kwargs) -> None: ...

class ListActivityLevelsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ActivityLevelInfo(_message.Message):
    __slots__ = ("level", "label", "factor")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    FACTOR_FIELD_NUMBER: _ClassVar[int]
    level: ActivityLevel
    label: str
    factor: float
    def __init__(self, level: _Optional[_Union[ActivityLevel, str]] = ..., label: _Optional[str] = ..., factor: _Optional[float] = ...) -> None: ...

class ListActivityLevelsResponse(_message.Message):
    __slots__ = ("levels",)
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    levels: _containers.RepeatedCompositeFieldContainer[ActivityLevelInfo]
    def __init__(self, levels: _Optional[_Iterable[_Union[ActivityLevelInfo, _Mapping]]] = ...) -> None: ...
