"""Breed suggestions per species (Korean name, English name). Pure data; breed stays free
text, these only help people type a common spelling."""

from __future__ import annotations

from petful.pets.rules import Species

BREEDS: dict[Species, tuple[tuple[str, str], ...]] = {
    Species.DOG: (
        ("말티즈", "Maltese"),
        ("푸들", "Poodle"),
        ("포메라니안", "Pomeranian"),
        ("비숑 프리제", "Bichon Frise"),
        ("시츄", "Shih Tzu"),
        ("치와와", "Chihuahua"),
        ("요크셔 테리어", "Yorkshire Terrier"),
        ("진돗개", "Jindo"),
        ("웰시 코기", "Welsh Corgi"),
        ("골든 리트리버", "Golden Retriever"),
        ("래브라도 리트리버", "Labrador Retriever"),
        ("시바견", "Shiba Inu"),
        ("닥스훈트", "Dachshund"),
        ("프렌치 불도그", "French Bulldog"),
        ("비글", "Beagle"),
        ("보더 콜리", "Border Collie"),
        ("사모예드", "Samoyed"),
        ("슈나우저", "Schnauzer"),
        ("스피츠", "Spitz"),
        ("믹스견", "Mixed breed"),
    ),
    Species.CAT: (
        ("코리안 숏헤어", "Korean Shorthair"),
        ("러시안 블루", "Russian Blue"),
        ("페르시안", "Persian"),
        ("브리티시 숏헤어", "British Shorthair"),
        ("스코티시 폴드", "Scottish Fold"),
        ("먼치킨", "Munchkin"),
        ("랙돌", "Ragdoll"),
        ("노르웨이 숲", "Norwegian Forest Cat"),
        ("샴", "Siamese"),
        ("뱅갈", "Bengal"),
        ("아비시니안", "Abyssinian"),
        ("믹스묘", "Mixed breed"),
    ),
    Species.RABBIT: (
        ("네덜란드 드워프", "Netherland Dwarf"),
        ("홀랜드 롭", "Holland Lop"),
        ("라이언헤드", "Lionhead"),
        ("렉스", "Rex"),
    ),
    Species.BIRD: (
        ("사랑앵무", "Budgerigar"),
        ("왕관앵무", "Cockatiel"),
        ("모란앵무", "Lovebird"),
        ("카나리아", "Canary"),
    ),
    Species.REPTILE: (
        ("레오파드 게코", "Leopard Gecko"),
        ("크레스티드 게코", "Crested Gecko"),
        ("비어디드 드래곤", "Bearded Dragon"),
        ("볼 파이톤", "Ball Python"),
    ),
    Species.FISH: (
        ("베타", "Betta"),
        ("구피", "Guppy"),
        ("금붕어", "Goldfish"),
    ),
    Species.OTHER: (
        ("햄스터", "Hamster"),
        ("기니피그", "Guinea Pig"),
        ("고슴도치", "Hedgehog"),
        ("페럿", "Ferret"),
    ),
}

SUGGESTIONS_MAX = 20


def suggest(species: Species | None, query: str) -> list[str]:
    """`한국어 (English)` labels whose either name contains query, prefix matches first."""
    q = " ".join(query.split()).casefold()
    pools = [BREEDS[species]] if species else list(BREEDS.values())
    prefix: list[str] = []
    inner: list[str] = []
    for pool in pools:
        for ko, en in pool:
            label = f"{ko} ({en})"
            names = (ko.casefold(), en.casefold())
            if not q or any(n.startswith(q) for n in names):
                prefix.append(label)
            elif any(q in n for n in names):
                inner.append(label)
    return (prefix + inner)[:SUGGESTIONS_MAX]
