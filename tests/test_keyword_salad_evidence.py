"""Keyword salad is named in the evidence, and only there."""

from __future__ import annotations

import pytest

from classifier.document import from_text
from classifier.features import analyse, explain
from tests.test_simulator_families import SOURCE_TEXT

SALAD = ("Cheap Insurance Review\n"
         "insurance review review login insurance download cheap net worth near me insurance 2024 review "
         "download hd full movie login deals casino loan trump disney verizon review insurance")
REASON = "keyword salad: the article text runs on in lower case"


def _reasons(text: str) -> list[str]:
    return explain(from_text(text), limit=20)[0]


def test_lower_case_keyword_salad_is_named_in_the_evidence():
    assert any(REASON in e for e in _reasons(SALAD))


@pytest.mark.parametrize("text", [
    SOURCE_TEXT,
    "Stadtrat beschließt neuen Radweg\nDer Stadtrat hat am Dienstag den Bau eines neuen Radwegs entlang der "
    "Hauptstraße beschlossen. Die Arbeiten sollen im Frühjahr beginnen, sagte die Bürgermeisterin.",
    "北京举行新闻发布会\n北京市政府周二举行新闻发布会 介绍城市交通规划 官员表示 新线路将于明年开通 市民可以在网上查询",
], ids=["english", "german", "chinese"])
def test_prose_in_cased_and_uncased_scripts_is_not_called_keyword_salad(text):
    assert not any(REASON in e for e in _reasons(text))


def test_lower_case_run_on_is_not_a_model_feature():
    # A model trained without keyword shells would see it only on legitimate pages and learn it as
    # a sign of legitimacy (see features._lower_run_on).
    values = analyse(from_text(SALAD)).values
    assert not any("lower" in k or "cap_frac" in k or "salad" in k for k in values)


WORD_SALAD = ("Mortgage Rates Calculator\n"
              + " ".join(["mortgage rates calculator refinance lender approval online quotes compare lowest "
                          "homeowners insurance premium estimate payment monthly"] * 2).capitalize() + ".")
SALAD_REASON = "word salad: only"
PROSE = {
    "english": SOURCE_TEXT,
    "german": ("Stadtrat beschließt neuen Radweg\n" + " ".join(
        ["Der Stadtrat hat am Dienstag den Bau eines neuen Radwegs entlang der Hauptstraße beschlossen, "
         "und die Arbeiten sollen im Frühjahr beginnen, sagte die Bürgermeisterin auf der Sitzung."] * 2)),
    "portuguese": ("Prefeitura anuncia nova ciclovia\n" + " ".join(
        ["A prefeitura da cidade anunciou na terça-feira que as obras da nova ciclovia vão começar em março, "
         "e o projeto prevê mais de dez quilômetros de faixas para os ciclistas da região."] * 2)),
    "chinese": ("北京举行新闻发布会\n" + "北京市政府周二举行新闻发布会 介绍城市交通规划 官员表示 新线路将于明年开通 "
                "市民可以在网上查询 About Tencent | 服务协议 | 隐私政策 " * 3),
    # Spaced scripts with no word list: nothing can be said about their function words.
    "korean": ("시의회 새 예산 승인\n" + "시의회는 화요일 내년도 예산안을 승인했으며 의원들은 북부 지역의 학교와 도로 보수에 "
               "더 많은 예산을 배정하겠다고 약속했다 " * 3),
    "greek": ("Το δημοτικό συμβούλιο ενέκρινε νέο προϋπολογισμό\n" + "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον "
              "προϋπολογισμό του επόμενου έτους και οι σύμβουλοι υποσχέθηκαν περισσότερα χρήματα για τα σχολεία. " * 3),
}


def test_text_without_function_words_is_called_word_salad():
    assert any(e.startswith(SALAD_REASON) for e in _reasons(WORD_SALAD))


@pytest.mark.parametrize("text", PROSE.values(), ids=PROSE.keys())
def test_prose_in_any_language_is_not_called_word_salad(text):
    # Measured against English alone, every German, Portuguese or Chinese page had "only 10 %
    # common English words" and was called word salad in the evidence.
    assert not any(e.startswith(SALAD_REASON) for e in _reasons(text))


@pytest.mark.parametrize("text", PROSE.values(), ids=PROSE.keys())
def test_prose_in_any_language_is_not_hinted_as_a_keyword_shell(text):
    # The family hint reaches the analysts' report with a flagged page.
    assert explain(from_text(text))[2] != "F10"


@pytest.mark.parametrize("text", [WORD_SALAD, "Cheap Loan Casino\ncheap loan casino near me best deals"],
                         ids=["salad", "one-line-shell"])
def test_word_salad_and_one_line_shells_are_hinted_as_keyword_shells(text):
    assert explain(from_text(text))[2] == "F10"
