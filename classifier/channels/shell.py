"""Keyword shells and word salad (F10): an article text of at least 8 words with a run of 15 or more bare
words (no punctuation, no number) and not one sentence end.

Measured on the real legitimate pages of the training sets (6,140 renderings): this test trips 8
(0.13 %, docs pages whose text is a list of commands). Two tests left the channel. A page that is
all list (more than 90 % of its lines list items) is every navigation-heavy real page (login
forms, docs indexes, shop categories: 92 renderings, 1.5 %). A bare run of more than 50 words
tripped 24 (0.39 %) and, at 80 words, 8 while catching 2 % of simulated shells: not worth its trips.

On excerpts (the first 2,000 characters of reader text) it trips 7 of 2,851 pages, with and without the URL
(0.25 %, over the 1-in-500 budget; all four renderings pooled, 0.19 %): a menu, a form or a docs page cut
mid-list has no sentence end either. It is not decisive; the model weighs it.
"""

import re

NAME = "shell"
FAMILIES = ("F10",)
# Of the 2,851 real legitimate pages of the training sets it trips 3, 5, 7 and 7 (HTML, text, excerpt with URL,
# excerpt without): more than one page somewhere, so it is weighed by the model, not decisive alone.
DECISIVE = False
BARE_RUN_MIN = 15
MAIN_WORDS_MIN = 8
_SENTENCE_END = re.compile(r"[.!?]")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["bare_run_words"] >= BARE_RUN_MIN and len(main.split()) >= MAIN_WORDS_MIN
                and not _SENTENCE_END.search(main))
