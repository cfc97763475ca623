"""Each artefact channel's rule, pinned on the real-page cases that made it what it is (classifier/channels/)."""

from __future__ import annotations

import pytest

from classifier import channels
from classifier.document import from_html, from_text
from classifier.features import analyse

PROSE = "The council voted on Tuesday to fund the branch, officials said. " * 8


def _v(doc):
    return analyse(doc).values


def test_every_channel_module_names_itself_and_its_families_and_has_a_rule():
    from pathlib import Path

    files = {f.stem for f in Path(channels.__file__).parent.glob("*.py") if f.stem != "__init__"}
    assert {m.__name__.rsplit(".", 1)[1] for m in channels.MODULES} == files  # no module left out of the count
    assert len(channels.MODULES) == len(channels.CHANNELS) == 16
    for m in channels.MODULES:
        assert m.NAME and m.FAMILIES and callable(m.trips)
        assert m.__doc__ and len(m.__doc__) > 40, f"{m.NAME}: a channel says why it is set where it is"


@pytest.mark.parametrize("site_name,host", [("EL PAÍS", "elpais.com"), ("Süddeutsche Zeitung", "sueddeutsche.de")])
def test_a_masthead_with_accents_fits_its_host(site_name, host):
    doc = from_html(f'<html><head><title>Story</title><meta property="og:site_name" content="{site_name}"></head>'
                    f"<body><p>{PROSE}</p></body></html>", url=f"https://{host}/a/story")
    assert _v(doc)["masthead_mismatch"] == 0


def test_a_title_section_or_city_is_not_read_as_the_sites_name():
    for suffix in ("Business", "Charleston, SC", "Getty Images", "Top Stories"):
        doc = from_html(f"<html><head><title>Council funds the branch | {suffix}</title></head><body><p>{PROSE}</p>"
                        "</body></html>", url="https://www.postandcourier.com/news/a")
        assert _v(doc)["masthead_mismatch"] == 0, suffix
    other = from_html("<html><head><title>Council funds the branch | The Boston Globe</title></head>"
                      f"<body><p>{PROSE}</p></body></html>", url="https://craftsandyarn.example/blog/a")
    assert _v(other)["masthead_mismatch"] == 1


def test_the_masthead_and_free_hosting_are_features_not_channels():
    doc = from_html('<html><head><title>Council funds the branch</title><meta property="og:site_name" '
                    f'content="The Boston Globe"></head><body><p>{PROSE}</p></body></html>',
                    url="https://someone.blogspot.com/2024/01/council.html")
    v = _v(doc)
    assert v["masthead_mismatch"] == 1 and v["host_free"] == 1
    assert v["artefact_channels"] == 0


def test_plain_pagination_is_not_clickbait_but_an_article_cut_for_ad_views_is():
    plain = from_text("Shop category\n" + PROSE + "\nNext page\nPage 1 of 4\nScroll down for more")
    bait = from_text("Singer breaks her silence\n" + PROSE + "\nContinue reading on the next page")
    assert _v(plain)["page_bait"] == 0 and not channels.clickbait.trips(_v(plain), "")
    assert _v(bait)["page_bait"] == 1 and channels.clickbait.trips(_v(bait), "")


def test_wordpress_shortcodes_trip_cms_but_scilicet_and_template_variables_do_not():
    latin = from_text("Sprachgeschichte\n" + PROSE + " Die Kolonialmacht [sc. britische Kolonialmacht] blieb.")
    client = from_text("Bundesrat\n" + PROSE + "\n{{ headline }}\n{{ caption }}")
    wp = from_text("Story\n" + PROSE + '\n[caption id="attachment_51" align="aligncenter" width="800"]')
    assert _v(latin)["cms_shortcodes"] == 0
    assert _v(client)["cms_shortcodes"] == 0 and _v(client)["template_vars"] == 2
    assert not channels.cms.trips(_v(client), "")
    assert _v(wp)["cms_shortcodes"] == 1 and channels.cms.trips(_v(wp), "")


def test_swap_heavy_marketing_prose_is_not_spinning_without_a_substitution_no_human_writes():
    v = {"spin_phrases": 0, "spun_lexicon": 0, "spun_lexicon_per_k": 0.0, "spinner_swap_ratio": 0.8, "spin_output_per_k": 12}
    assert not channels.spin.trips(v, "")
    assert channels.spin.trips({**v, "spun_lexicon": 1}, "")


def test_a_navigation_page_that_is_all_list_is_not_a_keyword_shell():
    items = "\n".join(f"- Sign in to account {i}" for i in range(40))
    doc = from_text("Login\n" + items)
    assert _v(doc)["list_line_frac"] > 0.9
    assert not channels.shell.trips(_v(doc), doc.main_text)


def test_a_run_on_keyword_body_without_a_sentence_end_is_a_shell():
    main = "best cheap plumber near me emergency plumber open now cheap drain cleaning service near me local plumbing repair"
    v = {"bare_run_words": len(main.split())}
    assert channels.shell.trips(v, main)
    assert not channels.shell.trips(v, main + ". Call us.")


def test_a_generators_answer_opening_the_body_is_generated_text_but_a_quoted_one_in_a_report_is_not():
    farm = from_text("Council approves the new budget\nBy Editor\nI'm not able to write this piece because the details "
                     "were not included in your message.\n1. **Draft the lead:** say what happened.\n2. **Add context:** why.")
    report = from_text("Chatbots keep refusing\n" + PROSE + '\nWhen asked, the assistant replied: "I\'m sorry, but I can\'t '
                       'help with that." Engineers said the refusal was a known problem.')
    v = _v(farm)
    assert v["gen_answer"] == 1 and channels.generated.trips(v, farm.main_text)
    assert _v(report)["gen_answer"] == 0 and not channels.generated.trips(_v(report), report.main_text)


def test_a_ctime_stamp_glued_to_the_body_is_a_generator_scripts_leftover():
    doc = from_text("Council approves the new budget\nSun Sep 14 14:40:00 UTC 2025: The council approved the budget.")
    dated = from_text("Council approves the new budget\nSunday, September 14, 2025: The council approved the budget.")
    assert _v(doc)["ctime_opening"] == 1 and channels.generated.trips(_v(doc), doc.main_text)
    assert _v(dated)["ctime_opening"] == 0


@pytest.mark.parametrize("title,bait", [("5 MIN AGO: Legendary actor confirms the news", True),
                                        ("BREAKING NEWS 23 minutes ago Legendary actor confirms the news", True),
                                        ("Beloved singer says goodbye to the stage... See more", True),
                                        ("BREAKING: Council approves the budget", False),
                                        ("NASA and ESA plan a joint mission", False),
                                        ("Singer says goodbye to the stage after 40 years", False)])
def test_bait_titles_of_fabricated_celebrity_pages(title, bait):
    doc = from_text(f"{title}\n{PROSE}")
    assert bool(_v(doc)["title_bait"]) is bait
    assert channels.clickbait.trips(_v(doc), doc.main_text) is bait


@pytest.mark.parametrize("title", ["MIRA VALENCIA : Abre una escuela de musica", "ORSO MARSICANO: 2019 UN ANNO DA RECORD",
                                   "DONOR TIPS: The importance of charity ratings"])
def test_an_all_caps_lead_in_is_a_feature_not_a_channel(title):
    # Real parks, charities and city programmes write ALL-CAPS lead-ins too (6 of 2,851 real pages).
    doc = from_text(f"{title}\n{PROSE}")
    assert _v(doc)["title_caps_lead"] == 1 and _v(doc)["title_bait"] == 0
    assert not channels.clickbait.trips(_v(doc), doc.main_text)


def test_unrendered_markdown_alone_is_not_generated_text():
    # Stack Overflow answers and docs print **bold** as text; the generated channel needs the answer or the stamp.
    doc = from_text("How to use async\n" + PROSE + "\n**Note:** use **await** inside **async def** only.")
    assert _v(doc)["markdown_bold"] == 3
    assert not channels.generated.trips(_v(doc), doc.main_text)
