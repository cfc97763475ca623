"""Stock sentences of SEO templates and generated filler, several on one page (F6, F5)."""

NAME = "boilerplate"
FAMILIES = ("F6", "F5")
BOILERPLATE_MIN_PHRASES = 3


def trips(v: dict[str, float], main: str) -> bool:
    return v["boilerplate_phrases"] >= BOILERPLATE_MIN_PHRASES
