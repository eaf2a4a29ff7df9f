"""Event contracts: every subscription is to a topic some producer declares, with its payload.

Notifications will consume every declared topic, so this is also its input contract.
"""

from __future__ import annotations

import importlib
import uuid

import pytest

from petful.contracts import PRODUCERS, all_topics
from petful.contracts.base import Payload, Topic
from petful.contracts.pets import PET_CREATED, PetChanged
from petful.platform import events
from petful.platform.jobs import load_task_modules


@pytest.fixture(scope="module")
def declared() -> dict[str, Topic[Payload]]:
    load_task_modules()  # registers every domain's subscribers, as the worker does
    return all_topics()


def test_every_subscription_is_to_a_declared_topic(declared: dict[str, Topic[Payload]]) -> None:
    subscriptions = events.subscriptions()
    assert subscriptions, "the domains register subscribers"
    for sub in subscriptions:
        assert sub.topic.name in declared, f"{sub.name} subscribes to undeclared {sub.topic.name}"
        # The very constant the producer declares, so both sides parse the same model.
        assert declared[sub.topic.name] is sub.topic, sub.name


def test_a_producer_module_declares_only_its_own_topics() -> None:
    for producer in PRODUCERS:
        if producer == "media":
            continue  # `<schema>.media.*`: platform.media writes them for each storing schema
        module = importlib.import_module(f"petful.contracts.{producer}")
        topics = [v for v in vars(module).values() if isinstance(v, Topic)]
        assert topics, producer
        assert {t.producer for t in topics} == {producer}


def test_topic_names_are_domain_entity_verb() -> None:
    with pytest.raises(ValueError, match="is not <domain>"):
        Topic("pets.created", PetChanged)
    with pytest.raises(ValueError, match="declared twice"):
        Topic(PET_CREATED.name, PetChanged)


def test_a_payload_parses_back_to_its_model_and_ignores_unknown_fields() -> None:
    sent = PetChanged(pet_id=uuid.uuid4(), owner_id=uuid.uuid4(), name="보리", species="DOG")
    data = {**sent.model_dump(mode="json"), "added_later": 1}
    assert PET_CREATED.parse(data) == sent
