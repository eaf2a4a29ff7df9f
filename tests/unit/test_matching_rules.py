"""Matching rules: Korean terms, documents, the hybrid score and its explanation, and the
request checks (no model, no DB)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from petful.matching.rules import checks, documents, scoring
from petful.matching.rules.documents import (
    AccountSnapshot,
    CampaignProfile,
    Caption,
    PetProfile,
)
from petful.matching.rules.scoring import FollowerRange, Track, Weights
from petful.platform import korean as lexicon
from petful.platform.validation import RuleError

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def pet(**kw: object) -> PetProfile:
    base: dict[str, object] = {
        "pet_id": "00000000-0000-0000-0000-000000000001",
        "owner_id": "00000000-0000-0000-0000-0000000000aa",
        "name": "나비",
        "species": "CAT",
        "breed": "코리안숏헤어",
        "personality_tags": ("호기심", "애교"),
        "intro": "츄르를 좋아하는 고양이",
    }
    base.update(kw)
    return PetProfile(**base)  # type: ignore[arg-type]


def test_terms_keep_korean_content_morphemes_and_domain_words() -> None:
    got = lexicon.terms("우리 코리안숏헤어 냥이가 츄르를 너무 좋아해요 #고양이간식")
    assert "코리안숏헤어" in got  # a user word, kept whole
    assert "츄르" in got
    assert "고양이" in got  # 냥이 -> alias
    assert "가" not in got
    assert "를" not in got
    assert "간식" in got  # the hashtag is split like words


def test_terms_lowercase_english_drop_stopwords_and_add_aliases() -> None:
    got = lexicon.terms("The Cat loves treats and long walks")
    assert "cat" in got
    assert "고양이" in got
    assert "treats" in got
    assert "간식" in got
    assert "the" not in got
    assert "and" not in got


def test_tsquery_is_an_or_of_distinct_word_terms() -> None:
    assert lexicon.tsquery_text(["사료", "cat", "사료", "a-b", "x'y"]) == "사료 | cat"
    assert lexicon.tsquery_text([]) == ""


def test_pet_document_orders_captions_newest_first_and_hash_is_stable() -> None:
    old = Caption(NOW - timedelta(days=30), "오래된 산책 사진")
    new = Caption(NOW, "새로 산 캣타워 리뷰")
    doc = documents.pet_document(pet(captions=(old, new)))
    assert doc.text.index("캣타워") < doc.text.index("산책")
    assert "고양이" in doc.weighted_terms["A"]
    assert "캣타워" in doc.weighted_terms["C"]
    again = documents.pet_document(pet(captions=(new, old)))
    assert again.content_hash == doc.content_hash
    changed = documents.pet_document(pet(captions=(new,)))
    assert changed.content_hash != doc.content_hash
    assert (
        documents.pet_document(pet(), model="other").content_hash
        != documents.pet_document(pet()).content_hash
    )


def test_older_captions_get_weight_d() -> None:
    captions = tuple(
        Caption(NOW - timedelta(days=i), f"캡션{i} 산책" if i < 8 else "목욕 시간")
        for i in range(12)
    )
    doc = documents.pet_document(pet(captions=captions))
    assert "목욕" in doc.weighted_terms["D"]
    assert "목욕" not in doc.weighted_terms["C"]


def test_campaign_document_has_keywords_missions_and_species() -> None:
    c = CampaignProfile(
        campaign_id="c1",
        advertiser_user_id="a1",
        title="프리미엄 고양이 사료 체험단",
        phase="RECRUITING",
        product_description="연어가 들어간 습식사료",
        missions=("급여 영상 올리기",),
        keywords=("연어", "습식사료"),
        hashtags=("#냥스타그램",),
        target_species=("CAT",),
    )
    doc = documents.campaign_document(c)
    assert "연어" in doc.weighted_terms["A"]
    assert "고양이" in doc.weighted_terms["A"]
    assert "영상" in doc.weighted_terms["B"]
    assert "미션:" in doc.text
    assert "대상: 고양이" in doc.text
    assert doc.top_terms()[0] in doc.weighted_terms["A"]


def test_follower_fit_inside_and_outside_the_range() -> None:
    wanted = FollowerRange(10_000, 100_000)
    assert scoring.follower_fit(50_000, wanted) == 1.0
    assert 0 < scoring.follower_fit(1_000, wanted) < scoring.follower_fit(5_000, wanted) < 1
    assert 0 < scoring.follower_fit(1_000_000, wanted) < 1
    assert scoring.follower_fit(1_000_000) == 1.0
    assert scoring.follower_fit(0) == 0.0


def test_engagement_quality_rewards_completion_and_penalises_no_shows() -> None:
    base = scoring.engagement_quality(0.03, 20_000)
    assert 0 < base < 1
    assert scoring.engagement_quality(0.03, 20_000, Track(completed=5)) > base
    assert scoring.engagement_quality(0.03, 20_000, Track(no_show=2)) < base - 0.2
    assert scoring.engagement_quality(0.5, 10**7, Track(completed=100)) <= 1.0
    assert scoring.engagement_quality(0.0, 0, Track(no_show=10)) == 0.0
    assert scoring.completion_rate(Track()) == 0.5


def test_hybrid_score_is_the_normalised_weighted_sum() -> None:
    w = Weights(semantic=0.6, lexical=0.25, engagement=0.15)
    assert scoring.hybrid_score(1, 1, 1, w) == pytest.approx(1.0)
    assert scoring.hybrid_score(1, 0, 0, w) == pytest.approx(0.6)
    assert scoring.hybrid_score(0.5, 0.2, 0.4, Weights(2, 1, 1)) == pytest.approx(0.4)
    assert scoring.hybrid_score(1, 1, 1, Weights(0, 0, 0)) == 0.0


def test_explain_reports_components_and_shared_terms() -> None:
    score, exp = scoring.explain(
        cosine_distance=0.2,
        engagement=0.5,
        query_terms=["사료", "고양이", "사료", "연어", "강아지"],
        doc_terms=["고양이", "사료", "츄르"],
        weights=Weights(),
    )
    assert exp.semantic == pytest.approx(0.8)
    # 3 of the 5 query occurrences are covered: 1 - exp(-3 * 0.6)
    assert exp.lexical == pytest.approx(0.8347, abs=1e-4)
    assert exp.engagement == pytest.approx(0.5)
    assert exp.shared_terms == ("사료", "고양이")
    assert score == pytest.approx(0.6 * 0.8 + 0.25 * 0.8347 + 0.15 * 0.5, abs=1e-4)


def test_lexical_score_saturates_with_coverage() -> None:
    assert scoring.lexical_score([], ["a"]) == 0.0
    assert scoring.lexical_score(["a", "b"], []) == 0.0
    half = scoring.lexical_score(["a", "b"], ["a"])
    assert 0.7 < half < scoring.lexical_score(["a", "b"], ["a", "b"]) < 1.0


def test_semantic_score_clamps_to_unit_interval() -> None:
    assert scoring.semantic_score(0.0) == 1.0
    assert scoring.semantic_score(1.5) == 0.0
    assert scoring.semantic_score(float("nan")) == 0.0


@pytest.mark.parametrize(("given", "expected"), [(0, 10), (1, 1), (50, 50)])
def test_limit_defaults_and_bounds(given: int, expected: int) -> None:
    assert checks.check_limit(given) == expected


@pytest.mark.parametrize("bad", [-1, 51, 1000])
def test_limit_out_of_range(bad: int) -> None:
    with pytest.raises(RuleError, match="between 1 and 50"):
        checks.check_limit(bad)


def test_follower_range_checks() -> None:
    checks.check_range(None, None)
    checks.check_range(10, 10)
    with pytest.raises(RuleError, match="minimum"):
        checks.check_range(10, 5)
    with pytest.raises(RuleError, match="negative"):
        checks.check_range(-1, None)


def test_idf_weights_rare_terms_in_the_lexical_score_and_shared_terms() -> None:
    idf_of = scoring.idf({"고양이": 900, "연어": 3}, 1000)
    assert idf_of["연어"] > idf_of["고양이"] > 0
    query = ["고양이", "연어"]
    assert scoring.lexical_score(query, ["연어"], idf_of) > scoring.lexical_score(
        query, ["고양이"], idf_of
    )
    assert scoring.shared_terms(["고양이", "연어"], ["고양이", "연어"], idf_of=idf_of) == [
        "연어",
        "고양이",
    ]


def test_lexical_leg_keeps_only_selective_terms() -> None:
    query = ["고양이", "사료", "연어", "연어", "펫스타그램"]
    df = {"고양이": 40_000, "펫스타그램": 90_000, "사료": 1_500, "연어": 120}
    assert scoring.lexical_leg_terms(query, df, 100_000) == ["연어", "사료"]
    # Small or unknown corpora: every term is selective enough.
    assert scoring.lexical_leg_terms(query, {}, 0) == ["연어", "고양이", "사료", "펫스타그램"]
    assert len(scoring.lexical_leg_terms([f"t{i}" for i in range(40)], {}, 0)) == 16


def test_a_synced_account_brings_its_figures_and_captions() -> None:
    account = AccountSnapshot(
        account_id="acc-1",
        followers_count=12_345,
        engagement_rate=0.07,
        captions=(Caption(NOW, "새 캣타워 언박싱"),),
    )
    synced = documents.with_account(pet(instagram_account_id="acc-1", followers_count=10), account)
    assert (synced.followers_count, synced.engagement_rate) == (12_345, 0.07)
    assert "캣타워" in documents.pet_document(synced).weighted_terms["C"]


def test_price_check() -> None:
    assert checks.check_price(None) is None
    assert checks.check_price(0) == 0
    with pytest.raises(RuleError, match="negative"):
        checks.check_price(-1)
