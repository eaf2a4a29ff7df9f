import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Board(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BOARD_UNSPECIFIED: _ClassVar[Board]
    BOARD_INFORMATION: _ClassVar[Board]
    BOARD_QUESTION: _ClassVar[Board]
    BOARD_SHOW_OFF: _ClassVar[Board]

class PostSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POST_SORT_UNSPECIFIED: _ClassVar[PostSort]
    POST_SORT_NEWEST: _ClassVar[PostSort]
    POST_SORT_POPULAR: _ClassVar[PostSort]
BOARD_UNSPECIFIED: Board
BOARD_INFORMATION: Board
BOARD_QUESTION: Board
BOARD_SHOW_OFF: Board
POST_SORT_UNSPECIFIED: PostSort
POST_SORT_NEWEST: PostSort
POST_SORT_POPULAR: PostSort

class PostImage(_message.Message):
    __slots__ = ("media_id", "url", "thumbnails", "width", "height")
    class ThumbnailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    THUMBNAILS_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    media_id: str
    url: str
    thumbnails: _containers.ScalarMap[str, str]
    width: int
    height: int
    def __init__(self, media_id: _Optional[str] = ..., url: _Optional[str] = ..., thumbnails: _Optional[_Mapping[str, str]] = ..., width: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class Author(_message.Message):
    __slots__ = ("id", "nickname", "image_url", "withdrawn")
    ID_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    IMAGE_URL_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    id: str
    nickname: str
    image_url: str
    withdrawn: bool
    def __init__(self, id: _Optional[str] = ..., nickname: _Optional[str] = ..., image_url: _Optional[str] = ..., withdrawn: _Optional[bool] = ...) -> None: ...

class TaggedPet(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Post(_message.Message):
    __slots__ = ("id", "board", "title", "body", "images", "pets", "author", "like_count", "comment_count", "liked_by_me", "created_at", "edited_at", "deleted_at", "hidden", "can_edit", "can_delete")
    ID_FIELD_NUMBER: _ClassVar[int]
    BOARD_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    IMAGES_FIELD_NUMBER: _ClassVar[int]
    PETS_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKED_BY_ME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EDITED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_AT_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    CAN_EDIT_FIELD_NUMBER: _ClassVar[int]
    CAN_DELETE_FIELD_NUMBER: _ClassVar[int]
    id: str
    board: Board
    title: str
    body: str
    images: _containers.RepeatedCompositeFieldContainer[PostImage]
    pets: _containers.RepeatedCompositeFieldContainer[TaggedPet]
    author: Author
    like_count: int
    comment_count: int
    liked_by_me: bool
    created_at: _timestamp_pb2.Timestamp
    edited_at: _timestamp_pb2.Timestamp
    deleted_at: _timestamp_pb2.Timestamp
    hidden: bool
    can_edit: bool
    can_delete: bool
    def __init__(self, id: _Optional[str] = ..., board: _Optional[_Union[Board, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., images: _Optional[_Iterable[_Union[PostImage, _Mapping]]] = ..., pets: _Optional[_Iterable[_Union[TaggedPet, _Mapping]]] = ..., author: _Optional[_Union[Author, _Mapping]] = ..., like_count: _Optional[int] = ..., comment_count: _Optional[int] = ..., liked_by_me: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., edited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deleted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hidden: _Optional[bool] = ..., can_edit: _Optional[bool] = ..., can_delete: _Optional[bool] = ...) -> None: ...

class PostSummary(_message.Message):
    __slots__ = ("id", "board", "title", "preview", "thumbnail_url", "image_count", "author", "like_count", "comment_count", "liked_by_me", "created_at", "edited_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    BOARD_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_URL_FIELD_NUMBER: _ClassVar[int]
    IMAGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKED_BY_ME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EDITED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    board: Board
    title: str
    preview: str
    thumbnail_url: str
    image_count: int
    author: Author
    like_count: int
    comment_count: int
    liked_by_me: bool
    created_at: _timestamp_pb2.Timestamp
    edited_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., board: _Optional[_Union[Board, str]] = ..., title: _Optional[str] = ..., preview: _Optional[str] = ..., thumbnail_url: _Optional[str] = ..., image_count: _Optional[int] = ..., author: _Optional[_Union[Author, _Mapping]] = ..., like_count: _Optional[int] = ..., comment_count: _Optional[int] = ..., liked_by_me: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., edited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PostFields(_message.Message):
    __slots__ = ("board", "title", "body", "image_media_ids", "pet_ids")
    BOARD_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    IMAGE_MEDIA_IDS_FIELD_NUMBER: _ClassVar[int]
    PET_IDS_FIELD_NUMBER: _ClassVar[int]
    board: Board
    title: str
    body: str
    image_media_ids: _containers.RepeatedScalarFieldContainer[str]
    pet_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, board: _Optional[_Union[Board, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., image_media_ids: _Optional[_Iterable[str]] = ..., pet_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class UploadPostImageRequest(_message.Message):
    __slots__ = ("data", "filename")
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    filename: str
    def __init__(self, data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class CreatePostRequest(_message.Message):
    __slots__ = ("post",)
    POST_FIELD_NUMBER: _ClassVar[int]
    post: PostFields
    def __init__(self, post: _Optional[_Union[PostFields, _Mapping]] = ...) -> None: ...

class UpdatePostRequest(_message.Message):
    __slots__ = ("post_id", "post")
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    POST_FIELD_NUMBER: _ClassVar[int]
    post_id: str
    post: PostFields
    def __init__(self, post_id: _Optional[str] = ..., post: _Optional[_Union[PostFields, _Mapping]] = ...) -> None: ...

class DeletePostRequest(_message.Message):
    __slots__ = ("post_id",)
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    post_id: str
    def __init__(self, post_id: _Optional[str] = ...) -> None: ...

class DeletePostResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPostRequest(_message.Message):
    __slots__ = ("post_id",)
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    post_id: str
    def __init__(self, post_id: _Optional[str] = ...) -> None: ...

class ListPostsRequest(_message.Message):
    __slots__ = ("board", "sort", "author_id", "liked_by_me", "page_size", "cursor")
    BOARD_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_ID_FIELD_NUMBER: _ClassVar[int]
    LIKED_BY_ME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    board: Board
    sort: PostSort
    author_id: str
    liked_by_me: bool
    page_size: int
    cursor: str
    def __init__(self, board: _Optional[_Union[Board, str]] = ..., sort: _Optional[_Union[PostSort, str]] = ..., author_id: _Optional[str] = ..., liked_by_me: _Optional[bool] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListPostsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PostSummary]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[PostSummary, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class SearchPostsRequest(_message.Message):
    __slots__ = ("query", "board", "page_size", "cursor")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    BOARD_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    query: str
    board: Board
    page_size: int
    cursor: str
    def __init__(self, query: _Optional[str] = ..., board: _Optional[_Union[Board, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class SearchHit(_message.Message):
    __slots__ = ("post", "title_highlight", "body_highlight", "rank")
    POST_FIELD_NUMBER: _ClassVar[int]
    TITLE_HIGHLIGHT_FIELD_NUMBER: _ClassVar[int]
    BODY_HIGHLIGHT_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    post: PostSummary
    title_highlight: str
    body_highlight: str
    rank: float
    def __init__(self, post: _Optional[_Union[PostSummary, _Mapping]] = ..., title_highlight: _Optional[str] = ..., body_highlight: _Optional[str] = ..., rank: _Optional[float] = ...) -> None: ...

class SearchPostsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[SearchHit]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[SearchHit, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class SetLikeRequest(_message.Message):
    __slots__ = ("id", "liked")
    ID_FIELD_NUMBER: _ClassVar[int]
    LIKED_FIELD_NUMBER: _ClassVar[int]
    id: str
    liked: bool
    def __init__(self, id: _Optional[str] = ..., liked: _Optional[bool] = ...) -> None: ...

class LikeState(_message.Message):
    __slots__ = ("id", "liked", "like_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    LIKED_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    liked: bool
    like_count: int
    def __init__(self, id: _Optional[str] = ..., liked: _Optional[bool] = ..., like_count: _Optional[int] = ...) -> None: ...

class Comment(_message.Message):
    __slots__ = ("id", "post_id", "parent_id", "body", "author", "like_count", "liked_by_me", "created_at", "edited_at", "deleted", "hidden", "can_edit", "can_delete", "replies")
    ID_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    LIKED_BY_ME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EDITED_AT_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    CAN_EDIT_FIELD_NUMBER: _ClassVar[int]
    CAN_DELETE_FIELD_NUMBER: _ClassVar[int]
    REPLIES_FIELD_NUMBER: _ClassVar[int]
    id: str
    post_id: str
    parent_id: str
    body: str
    author: Author
    like_count: int
    liked_by_me: bool
    created_at: _timestamp_pb2.Timestamp
    edited_at: _timestamp_pb2.Timestamp
    deleted: bool
    hidden: bool
    can_edit: bool
    can_delete: bool
    replies: _containers.RepeatedCompositeFieldContainer[Comment]
    def __init__(self, id: _Optional[str] = ..., post_id: _Optional[str] = ..., parent_id: _Optional[str] = ..., body: _Optional[str] = ..., author: _Optional[_Union[Author, _Mapping]] = ..., like_count: _Optional[int] = ..., liked_by_me: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., edited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deleted: _Optional[bool] = ..., hidden: _Optional[bool] = ..., can_edit: _Optional[bool] = ..., can_delete: _Optional[bool] = ..., replies: _Optional[_Iterable[_Union[Comment, _Mapping]]] = ...) -> None: ...

class ListCommentsRequest(_message.Message):
    __slots__ = ("post_id", "page_size", "cursor")
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    post_id: str
    page_size: int
    cursor: str
    def __init__(self, post_id: _Optional[str] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListCommentsResponse(_message.Message):
    __slots__ = ("items", "next_cursor", "total")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Comment]
    next_cursor: str
    total: int
    def __init__(self, items: _Optional[_Iterable[_Union[Comment, _Mapping]]] = ..., next_cursor: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class CreateCommentRequest(_message.Message):
    __slots__ = ("post_id", "parent_id", "body")
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    post_id: str
    parent_id: str
    body: str
    def __init__(self, post_id: _Optional[str] = ..., parent_id: _Optional[str] = ..., body: _Optional[str] = ...) -> None: ...

class UpdateCommentRequest(_message.Message):
    __slots__ = ("comment_id", "body")
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    comment_id: str
    body: str
    def __init__(self, comment_id: _Optional[str] = ..., body: _Optional[str] = ...) -> None: ...

class DeleteCommentRequest(_message.Message):
    __slots__ = ("comment_id",)
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    comment_id: str
    def __init__(self, comment_id: _Optional[str] = ...) -> None: ...

class DeleteCommentResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
