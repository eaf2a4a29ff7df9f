"""The prescription parser on text: the three layouts, OCR's usual slips, what it must not
take for a drug, and the line each field came from."""

from __future__ import annotations

import pytest

from petful.health.prescriptions.parser import (
    MAX_MEDICATIONS,
    ParsedMedication,
    clean_lines,
    day_parts,
    doses_per_day,
    parse,
)
from tests import prescription_support as samples


def only(text: str) -> ParsedMedication:
    (medication,) = parse(text).medications
    return medication


def test_a_line_per_drug_gives_every_field_from_that_line() -> None:
    m = only("1. 아목시실린정 250mg 1정 1일 2회 아침·저녁 식후 7일분")
    assert (m.drug_name, m.dosage, m.administration, m.doses_per_day, m.days) == (
        "아목시실린정 250mg",
        "1정",
        "1일 2회 아침·저녁 식후",
        2,
        7,
    )
    assert (m.drug_name_line, m.dosage_line, m.administration_line, m.days_line) == (0, 0, 0, 0)


def test_details_below_the_drug_line_belong_to_it_and_name_their_line() -> None:
    result = parse(
        "행복동물병원 처방전\n"
        "1. 메트로니다졸정 1/2정\n"
        "   용법: 하루 두 번 (아침, 저녁) / 5일간\n"
        "2. 세레니아 시럽 0.5ml\n"
        "   용법: 1일 1회 / 3일간\n"
    )
    first, second = result.medications
    assert (first.drug_name, first.dosage, first.doses_per_day, first.days) == (
        "메트로니다졸정",
        "1/2정",
        2,
        5,
    )
    assert first.administration == "하루 두 번 (아침, 저녁)"
    assert (first.drug_name_line, first.dosage_line, first.administration_line) == (1, 1, 2)
    assert result.lines[first.days_line or 0].startswith("용법")
    assert (second.drug_name, second.dosage, second.doses_per_day, second.days) == (
        "세레니아 시럽",
        "0.5ml",
        1,
        3,
    )


def test_a_table_reads_bare_numbers_by_its_header() -> None:
    result = parse(
        "약품명   1회 투약량   1일 횟수   일수\n"
        "파모티딘정 10mg   1정   1   14\n"
        "엔로플록사신정 50mg   1/2정   2   10\n"
    )
    assert [(m.drug_name, m.dosage, m.doses_per_day, m.days) for m in result.medications] == [
        ("파모티딘정 10mg", "1정", 1, 14),
        ("엔로플록사신정 50mg", "1/2정", 2, 10),
    ]
    assert result.medications[0].administration == "1일 1회"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("1일 2회", 2),
        ("1일2회", 2),
        ("하루 3회 식후", 3),
        ("하루에 한 번", 1),
        ("하루 두번", 2),
        ("일 1회", 1),
        ("2회/일", 2),
        ("BID", 2),
        ("sid", 1),
        ("q8h", 3),
        ("12시간마다", 2),
        ("아침·저녁", 2),
        ("아침 점심 저녁 식후", 3),
        ("자기 전", 1),
        ("1일 2획", 2),  # 회 read as 획
        ("식후 30분", None),
    ],
)
def test_doses_a_day_from_the_ways_prescriptions_write_them(text: str, count: int | None) -> None:
    assert doses_per_day(text) == count


def test_a_date_or_a_frequency_is_not_a_course_length() -> None:
    m = only("아목시실린정 1정 1일 2회 처방 3월 6일")
    assert m.days is None
    assert only("파모티딘정 1정 1일 1회 2주분").days == 14
    assert only("파모티딘정 1정 1일 1회 총 10일").days == 10


def test_ocr_slips_in_names_and_forms_are_repaired() -> None:
    # 줄 for 졸, 캡술 for 캡슐: close to a listed name, written as the list spells it.
    assert only("3. 오메프라줄캡술 10mg 1캡술 1일 1회 7일분").drug_name == "오메프라졸캡슐 10mg"
    assert only("2. 메트로니다즐정 1/2정 하루 2회 5일").drug_name == "메트로니다졸정"
    # mg read as "me" after a number.
    assert only("프레드니솔론정 5me 1/2정 1일 1회 10일").drug_name == "프레드니솔론정 5mg"


def test_names_in_no_list_are_found_by_their_form() -> None:
    assert only("조인트케어정 1정 1일 1회 30일분").drug_name == "조인트케어정"
    assert only("Amoxicillin 250mg 1 cap q12h x 10일").drug_name == "Amoxicillin 250mg"


def test_clinic_patient_and_paper_lines_are_not_drugs() -> None:
    result = parse(
        "행복동물병원 처방전\n"
        "환자명: 보리 (말티즈) 보호자: 김보호\n"
        "처방일: 2025년 3월 6일\n"
        "주소: 서울시 마포구 합정동 123\n"
        "수의사: 이수의 (면허번호 12345)\n"
        "전화 02-123-4567\n"
        "하루 2회 아침 저녁\n"
        "투약 일정을 지켜 주세요\n"
    )
    assert result.medications == ()
    assert result.letters > 30


def test_at_most_ten_medications_and_the_rest_is_flagged() -> None:
    text = "\n".join(f"{i}. 테스트{chr(0xAC00 + i)}정 1정 1일 1회 5일분" for i in range(1, 13))
    result = parse(text)
    assert len(result.medications) == MAX_MEDICATIONS
    assert result.truncated
    assert not parse("\n".join(text.splitlines()[:10])).truncated


def test_lines_are_cleaned_of_ocr_edge_junk() -> None:
    assert clean_lines("  ㆍ: 1. 아목시실린정 ~.\n\n'…\n 전화 02 ") == (
        "1. 아목시실린정",
        "전화 02",
    )
    # NFKC's jamo for the middle dot becomes one dot again.
    assert clean_lines("아침ㆍ저녁")[0] == "아침·저녁"


def test_day_parts_in_the_order_of_the_day() -> None:
    assert day_parts("저녁, 아침 식후") == ("아침", "저녁")
    assert day_parts("취침 전") == ("취침",)


def test_empty_or_garbage_text_reads_nothing() -> None:
    assert parse("").medications == ()
    assert parse(": . ~ ' |\n  ").letters == 0


def test_every_sample_prescription_text_parses_exactly() -> None:
    """The images' printed text, before any OCR: the parser alone gets every field."""
    for sample in samples.SAMPLES:
        result = parse(samples.text(sample))
        assert len(result.medications) == len(sample.drugs), sample.key
        for drug, m in zip(sample.drugs, result.medications, strict=True):
            strength = f" {drug.strength}" if drug.strength else ""
            assert m.drug_name == drug.name + strength, sample.key
            assert (m.dosage, m.doses_per_day, m.days) == (drug.dose, drug.per_day, drug.days)
