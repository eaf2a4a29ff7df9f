"""Campaign field checks without I/O: hashtag disclosure, Instagram permalinks, limits,
uploaded image ids and the popular sort's cursor."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from petful.campaigns.rules import browsing, fields
from petful.platform.validation import RuleError, check_reason, parse_uuid

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)

# --- hashtags ---------------------------------------------------------------------------------


def test_disclosure_tag_is_added_when_missing() -> None:
    assert fields.check_hashtags(["간식", "#강아지"]) == ["#광고", "#간식", "#강아지"]
    assert fields.check_hashtags([]) == ["#광고"]
    assert fields.check_hashtags(["#협찬", "dog"]) == ["#협찬", "#dog"]
    assert fields.check_hashtags(["광고"]) == ["#광고"]
    assert fields.check_hashtags(["#Dog", "#dog", " "]) == ["#광고", "#Dog"]


def test_last_disclosure_tag_cannot_be_removed() -> None:
    with pytest.raises(RuleError, match="#광고 or #협찬"):
        fields.check_hashtags(["#강아지"], previous=["#광고", "#강아지"])
    # Swapping one disclosure tag for the other is fine.
    assert fields.check_hashtags(["#협찬"], previous=["#광고"]) == ["#협찬"]
    # A previous list without one (never stored, but) gets the tag added.
    assert fields.check_hashtags(["#a"], previous=["#a"]) == ["#광고", "#a"]


@pytest.mark.parametrize("bad", ["#two words", "#a-b", "#", "#" + "x" * 60, "#a\u0000"])
def test_bad_hashtags(bad: str) -> None:
    with pytest.raises(RuleError):
        fields.check_hashtags([bad])


# --- permalinks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.instagram.com/p/Cx1_abc-DE/", "https://www.instagram.com/p/Cx1_abc-DE/"),
        ("https://instagram.com/p/Cx1abcDE", "https://www.instagram.com/p/Cx1abcDE/"),
        ("http://m.instagram.com/p/Cx1abcDE/?igsh=xyz#c", "https://www.instagram.com/p/Cx1abcDE/"),
        ("https://www.instagram.com/reel/C9zzzz1/", "https://www.instagram.com/reel/C9zzzz1/"),
        ("https://www.instagram.com/reels/C9zzzz1/", "https://www.instagram.com/reel/C9zzzz1/"),
        ("https://www.instagram.com/tv/C9zzzz1/", "https://www.instagram.com/p/C9zzzz1/"),
        ("https://WWW.Instagram.com/mong.i/p/C9zzzz1/", "https://www.instagram.com/p/C9zzzz1/"),
        ("  https://www.instagram.com/p/C9zzzz1/  ", "https://www.instagram.com/p/C9zzzz1/"),
    ],
)
def test_permalinks_are_normalised(raw: str, expected: str) -> None:
    assert fields.normalize_permalink(raw) == expected


def test_the_shortcode_is_what_sns_keys_posts_by() -> None:
    assert fields.permalink_shortcode("https://www.instagram.com/p/Cx1_abc-DE/") == "Cx1_abc-DE"
    assert fields.permalink_shortcode("https://www.instagram.com/reel/C9zzzz1/") == "C9zzzz1"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "https://www.instagram.com/mong.i/",
        "https://www.instagram.com/p/",
        "https://www.instagram.com/stories/mong/123/",
        "https://instagram.com.evil.example/p/C9zzzz1/",
        "https://evil.example/www.instagram.com/p/C9zzzz1/",
        "ftp://www.instagram.com/p/C9zzzz1/",
        "javascript:alert(1)",
        "https://www.instagram.com/p/C9 zz/",
        "https://www.instagram.com/p/C9zzzz1/extra/",
    ],
)
def test_non_permalinks_are_refused(raw: str) -> None:
    with pytest.raises(RuleError):
        fields.normalize_permalink(raw)


# --- fields ---------------------------------------------------------------------------------


def test_field_checks() -> None:
    assert fields.check_headcount(1) == 1
    assert fields.check_headcount(500) == 500
    for bad in (0, 501, -1):
        with pytest.raises(RuleError):
            fields.check_headcount(bad)
    assert fields.check_reward_value(0) == 0
    with pytest.raises(RuleError):
        fields.check_reward_value(-1)
    assert fields.check_retention_days(0) == 180
    assert fields.check_retention_days(30) == 30
    with pytest.raises(RuleError):
        fields.check_retention_days(-5)
    assert fields.check_species(["cat", "DOG", "dog"]) == ["DOG", "CAT"]
    with pytest.raises(RuleError):
        fields.check_species([])
    with pytest.raises(RuleError):
        fields.check_species(["dragon"])
    assert fields.check_note("  열 글자 이상 메모입니다  ") == "열 글자 이상 메모입니다"
    for bad_note in ("short", "x" * 1001, "ten chars \u0007 bell"):
        with pytest.raises(RuleError):
            fields.check_note(bad_note)
    assert (
        fields.check_product_url("https://shop.example/item?id=1")
        == "https://shop.example/item?id=1"
    )
    for bad_url in ("", "shop.example", "ftp://shop.example", "https://localhost/x"):
        with pytest.raises(RuleError):
            fields.check_product_url(bad_url)
    assert fields.check_items([" a  b ", "", "a b", "c"]) == ["a b", "c"]
    with pytest.raises(RuleError):
        fields.check_items(["x"] * 0 + [str(i) for i in range(21)])
    with pytest.raises(RuleError):
        check_reason("no")
    assert parse_uuid(str(uuid.UUID(int=1))) == uuid.UUID(int=1)
    for bad_id in ("nope", "  "):
        with pytest.raises(RuleError):
            parse_uuid(bad_id)


def test_popular_cursor_round_trip() -> None:
    rid = uuid.uuid4()
    cursor = browsing.encode_popular_cursor(12, NOW, rid)
    assert browsing.decode_popular_cursor(cursor) == (12, NOW, rid)
    assert browsing.decode_popular_cursor("") is None
    for bad in ("x.y", "12", "12.!!"):
        with pytest.raises(RuleError):
            browsing.decode_popular_cursor(bad)


def test_media_ids_are_uploaded_image_ids() -> None:
    image = "0b6f9a4e-3f5d-4c43-9f0e-0d8b8f6b2f11"
    assert fields.check_media_ids([image.upper()]) == [image]
    with pytest.raises(RuleError, match="uploaded images"):
        fields.check_media_ids(["img-1"])
