import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetVapidPublicKeyRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetVapidPublicKeyResponse(_message.Message):
    __slots__ = ("public_key",)
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    public_key: str
    def __init__(self, public_key: _Optional[str] = ...) -> None: ...

class PushKeys(_message.Message):
    __slots__ = ("p256dh", "auth")
    P256DH_FIELD_NUMBER: _ClassVar[int]
    AUTH_FIELD_NUMBER: _ClassVar[int]
    p256dh: str
    auth: str
    def __init__(self, p256dh: _Optional[str] = ..., auth: _Optional[str] = ...) -> None: ...

class SubscribePushRequest(_message.Message):
    __slots__ = ("endpoint", "keys", "device", "user_agent")
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    keys: PushKeys
    device: str
    user_agent: str
    def __init__(self, endpoint: _Optional[str] = ..., keys: _Optional[_Union[PushKeys, _Mapping]] = ..., device: _Optional[str] = ..., user_agent: _Optional[str] = ...) -> None: ...

class PushSubscription(_message.Message):
    __slots__ = ("id", "endpoint", "device", "created_at", "last_success_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_SUCCESS_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    endpoint: str
    device: str
    created_at: _timestamp_pb2.Timestamp
    last_success_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., endpoint: _Optional[str] = ..., device: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_success_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UnsubscribePushRequest(_message.Message):
    __slots__ = ("endpoint",)
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    def __init__(self, endpoint: _Optional[str] = ...) -> None: ...

class UnsubscribePushResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListMyPushSubscriptionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListMyPushSubscriptionsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PushSubscription]
    def __init__(self, items: _Optional[_Iterable[_Union[PushSubscription, _Mapping]]] = ...) -> None: ...
