"""Machine translation (F8): constructions a translation engine makes, densely (per 1,000 words)."""

NAME = "translation"
FAMILIES = ("F8",)
TRANSLATIONESE_MIN_PER_K = 4.0


def trips(v: dict[str, float], main: str) -> bool:
    return v["translationese_per_k"] >= TRANSLATIONESE_MIN_PER_K
