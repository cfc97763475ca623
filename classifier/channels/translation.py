"""Machine translation (F8): constructions a translation engine makes, densely (per 1,000 words)."""

NAME = "translation"
FAMILIES = ("F8",)
# Of the 2,851 real legitimate pages of the training sets it trips 0, 0, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True
TRANSLATIONESE_MIN_PER_K = 4.0


def trips(v: dict[str, float], main: str) -> bool:
    return v["translationese_per_k"] >= TRANSLATIONESE_MIN_PER_K
