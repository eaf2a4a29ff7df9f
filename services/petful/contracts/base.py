"""What an event contract is: a topic name bound to one payload model.

Producers write `outbox.add_event(session, SCHEMA, PET_CREATED, PetChanged(...))`;
consumers register `@events.subscriber(PET_CREATED, ...)` and receive the parsed payload.
Both sides import the same `Topic` constant from `petful.contracts.<producer>`, so a topic
name is never spelled twice and a payload change is a type change both sides see.

Every `Topic` registers itself in `DECLARED` when its module is imported;
`petful.contracts.all_topics()` imports every producer's module and returns them all
(notifications consumes that list; tests check every subscription against it).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict


class Payload(BaseModel):
    """An event's payload. Consumers ignore fields they do not know, so a producer may add
    fields without breaking older consumers; removing or retyping one is a contract change."""

    model_config = ConfigDict(frozen=True, extra="ignore")


P = TypeVar("P", bound=Payload)

# <domain>.<entity>.<verb>, lower case: the topic names read the same everywhere.
_TOPIC_RE = re.compile(r"^[a-z]+(\.[a-z_]+){2}$")

DECLARED: dict[str, Topic[Any]] = {}


@dataclass(frozen=True, slots=True)
class Topic(Generic[P]):
    name: str
    payload: type[P]

    def __post_init__(self) -> None:
        if not _TOPIC_RE.match(self.name):
            raise ValueError(f"topic {self.name!r} is not <domain>.<entity>.<verb>")
        if self.name in DECLARED:
            raise ValueError(f"topic {self.name!r} is declared twice")
        DECLARED[self.name] = self

    @property
    def producer(self) -> str:
        """The domain (or `media`) whose outbox writes this topic."""
        return self.name.split(".", 1)[0]

    def parse(self, data: dict[str, Any]) -> P:
        return self.payload.model_validate(data)


@dataclass(frozen=True, slots=True)
class Received(Generic[P]):
    """One delivered event, as a subscriber sees it."""

    id: uuid.UUID
    topic: str
    source: str
    occurred_at: datetime
    payload: P
