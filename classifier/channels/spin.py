"""Thesaurus spinning (F4): several spinner substitutions ("White Home", "inventory markets"), densely,
or synonym swaps where reporters write the plain word *together with* a spinner substitution.

Swaps alone ("utilize", "commence" for "use", "start") are the register of marketing and legal
prose: they tripped 30 of 7,132 real renderings (0.42 %, shops, universities, tax guides), so a
swap-heavy page now also needs one substitution no human writes (4 real renderings, 0.06 %). Two
spun phrases are what health and listicle sites write ("point out", "on a regular basis": 4 of
2,851 real pages); it takes three.
"""

NAME = "spin"
FAMILIES = ("F4",)
# Of the 2,851 real legitimate pages of the training sets it trips 5, 5, 2 and 2 (HTML, text, excerpt with URL,
# excerpt without): more than one page somewhere, so it is weighed by the model, not decisive alone.
DECISIVE = False


SPIN_PHRASES_MIN = 3


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["spin_phrases"] >= SPIN_PHRASES_MIN or (v["spun_lexicon"] >= 2 and v["spun_lexicon_per_k"] > 2.5)
                or (v["spinner_swap_ratio"] >= 0.5 and v["spin_output_per_k"] >= 5 and v["spun_lexicon"] >= 1))
