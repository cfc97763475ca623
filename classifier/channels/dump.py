"""Data dumps unrelated to the story (F3): three or more exchange-rate lines under a wire story."""

NAME = "dump"
FAMILIES = ("F3",)


def trips(v: dict[str, float], main: str) -> bool:
    return v["fx_lines"] >= 3
