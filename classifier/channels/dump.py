"""Data dumps unrelated to the story (F3): three or more exchange-rate lines under a wire story."""

NAME = "dump"
FAMILIES = ("F3",)
# Of the 2,851 real legitimate pages of the training sets it trips 0, 0, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True


def trips(v: dict[str, float], main: str) -> bool:
    return v["fx_lines"] >= 3
