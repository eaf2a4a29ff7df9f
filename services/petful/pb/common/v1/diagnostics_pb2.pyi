from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DependencyState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPENDENCY_STATE_UNSPECIFIED: _ClassVar[DependencyState]
    DEPENDENCY_STATE_SERVING: _ClassVar[DependencyState]
    DEPENDENCY_STATE_UNREACHABLE: _ClassVar[DependencyState]
DEPENDENCY_STATE_UNSPECIFIED: DependencyState
DEPENDENCY_STATE_SERVING: DependencyState
DEPENDENCY_STATE_UNREACHABLE: DependencyState

class PingRequest(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class PingResponse(_message.Message):
    __slots__ = ("message", "caller", "service", "deadline_remaining_seconds")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_REMAINING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    message: str
    caller: Caller
    service: str
    deadline_remaining_seconds: float
    def __init__(self, message: _Optional[str] = ..., caller: _Optional[_Union[Caller, _Mapping]] = ..., service: _Optional[str] = ..., deadline_remaining_seconds: _Optional[float] = ...) -> None: ...

class Caller(_message.Message):
    __slots__ = ("user_id", "roles", "request_id")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, user_id: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class DependenciesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DependenciesResponse(_message.Message):
    __slots__ = ("service", "dependencies")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    DEPENDENCIES_FIELD_NUMBER: _ClassVar[int]
    service: str
    dependencies: _containers.RepeatedCompositeFieldContainer[Dependency]
    def __init__(self, service: _Optional[str] = ..., dependencies: _Optional[_Iterable[_Union[Dependency, _Mapping]]] = ...) -> None: ...

class Dependency(_message.Message):
    __slots__ = ("name", "state")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    state: DependencyState
    def __init__(self, name: _Optional[str] = ..., state: _Optional[_Union[DependencyState, str]] = ...) -> None: ...
