"""Drug names veterinary prescriptions in Korea commonly carry, to correct OCR slips.

Tesseract misreads a character or two of a Korean drug name now and then (메트로니다즐 for
메트로니다졸); a name close enough to one of these is written as the list spells it. A
name that is in no list is still found by its form (정, 캡슐, 시럽 ...) or its strength
(250mg): the list only repairs, it never decides what is a drug. Plain data, no I/O.
"""

from __future__ import annotations

# Active ingredients and brand names, the way Korean vets and pharmacies spell them.
DRUG_NAMES: tuple[str, ...] = (
    # antibiotics
    "아목시실린",
    "아목시실린클라불란산",
    "아목시클라브",
    "클라목스",
    "세팔렉신",
    "세파드록실",
    "세프포독심",
    "독시사이클린",
    "미노사이클린",
    "엔로플록사신",
    "마르보플록사신",
    "메트로니다졸",
    "클린다마이신",
    "아지트로마이신",
    "설파메톡사졸",
    "트리메토프림",
    # anti-inflammatories and pain
    "프레드니솔론",
    "덱사메타손",
    "멜록시캄",
    "카프로펜",
    "로벤아콕시브",
    "피로콕시브",
    "가바펜틴",
    "트라마돌",
    # stomach and gut
    "파모티딘",
    "오메프라졸",
    "수크랄페이트",
    "메토클로프라미드",
    "마로피탄트",
    "세레니아",
    "락툴로오스",
    "유산균",
    "실리마린",
    "우르소데옥시콜산",
    # heart and kidney
    "피모벤단",
    "베트메딘",
    "에날라프릴",
    "베나제프릴",
    "푸로세미드",
    "스피로놀락톤",
    "토르세미드",
    "암로디핀",
    "텔미사르탄",
    # skin, allergy, hormones
    "오클라시티닙",
    "아포퀠",
    "세티리진",
    "클로르페니라민",
    "케토코나졸",
    "이트라코나졸",
    "테르비나핀",
    "레보티록신",
    "메티마졸",
    # parasites
    "이버멕틴",
    "밀베마이신",
    "프라지콴텔",
    "펜벤다졸",
    "하트가드",
    "넥스가드",
    "브라벡토",
    "심파리카",
    "레볼루션",
    "애드보킷",
    # supplements
    "글루코사민",
    "오메가3",
)

# A drug's form, written after its name (아목시실린정, 세레니아 시럽). Longest first, so
# 필름코팅정 wins over 정.
FORM_SUFFIXES: tuple[str, ...] = (
    "필름코팅정",
    "현탁시럽",
    "점이액",
    "점안액",
    "현탁액",
    "서방정",
    "츄어블",
    "캡슐",
    "캅셀",
    "시럽",
    "연고",
    "정",
    "산",
    "액",
)
