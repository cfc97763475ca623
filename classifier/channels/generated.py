"""A text generator's output published unread (F5): the generator's answer printed where the article
should be (a refusal, a request for the source text, an analysis of an empty input, a reasoning trace:
21 of 28 real F5 pages open with one, docs/farm-realism.md), its plan in unrendered Markdown
("1. **Draft the lead:**"), a script's ctime stamp glued to the body by a colon; and the rarer
placeholders ("(needs verification)", "[insert quote]"), chat replies ("As an AI language model"),
outline headings of a draft ("Introduction:", "Conclusion:"), dates no calendar has ("September 31").

The answer is looked for only in the opening lines of the body and unquoted: news reports about AI
quote such answers inside quotation marks, mid-article.

Measured on the 2,851 real legitimate pages of the training sets, the first version of this channel
tripped 11 as HTML and 12 as text (0.4 %): unrendered Markdown is what Stack Overflow, DigitalOcean
and legal-form pages print (7 pages: a feature now, not the channel), two outline headings are a
journal abstract's "Introduction:" and "Conclusion:" (2), one bracketed "[city]" is an SEO agency's
own template (3). So a page needs three outline headings or two placeholders; neither was seen on
the 28 real F5 pages, the answer and the stamp were.
"""

NAME = "generated"
FAMILIES = ("F5",)
# Of the 2,851 real legitimate pages of the training sets it trips 0, 0, 1 and 1 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True
SCAFFOLD_MIN_HEADINGS = 2


PLACEHOLDERS_MIN = 2


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["gen_answer"] or v["ctime_opening"] or v["date_impossible"]
                or v["gen_placeholders"] >= PLACEHOLDERS_MIN or v["gen_scaffold"] > SCAFFOLD_MIN_HEADINGS)
