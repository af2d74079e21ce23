"""Fixed name lists for generated guests and staff.

None of these contains (even as a part) the first or last name of a story guest in
demo-hotel.md, so a search for "Carter" or "Mei" finds the story guest and nobody else; the seed
tests check that.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Adrian", "Alice", "Amir", "Beatrice", "Benjamin", "Bianca", "Camille", "Carlos", "Claire",
    "Diego", "Dmitri", "Elena", "Emma", "Ethan", "Farah", "Fiona", "Frank", "Gabriel", "George",
    "Greta", "Hannah", "Helen", "Hugo", "Ines", "Iris", "Isaac", "Jakob", "Jonas", "Julia",
    "Kara", "Katrin", "Kenji", "Laura", "Liam", "Lucas", "Marcus", "Mila", "Nadia", "Noah",
    "Nora", "Olga", "Oliver", "Oscar", "Pablo", "Paula", "Petra", "Quentin", "Rachel", "Rafael",
    "Rosa", "Samuel", "Sara", "Stefan", "Tara", "Tessa", "Theo", "Ursula", "Vera", "Victor",
    "Wendy", "William", "Xavier", "Yara", "Yusuf", "Zoe",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Abbott", "Ahmed", "Anderson", "Bauer", "Becker", "Brennan", "Castillo", "Clarke", "Costa",
    "Dawson", "Delgado", "Duarte", "Eriksen", "Evans", "Ferreira", "Fischer", "Fontaine",
    "Garcia", "Gomez", "Grant", "Hansen", "Horvath", "Hughes", "Ibrahim", "Ivanova", "Iversen",
    "Jensen", "Jovanovic", "Kaplan", "Keller", "Kowalski", "Larsen", "Laurent", "Lindgren",
    "Lindqvist", "Mendes", "Morales", "Moreau", "Nakamura", "Nguyen", "Nilsson", "Novak",
    "Ortega", "Park", "Patel", "Petrov", "Quinn", "Ramirez", "Reyes", "Ruiz", "Sato",
    "Schneider", "Sorensen", "Thompson", "Torres", "Turner", "Ueda", "Varga", "Vasquez",
    "Vidal", "Wallace", "Walsh", "Ward", "Yilmaz", "Young", "Zhou", "Zimmermann",
)  # fmt: skip
