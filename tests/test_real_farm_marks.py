"""The marks read off real farm excerpts in 2026 (docs/farm-realism.md, "A second look"), each with a
legitimate counterpart it must leave alone."""

from __future__ import annotations

from classifier.document import from_text
from classifier.features import _newsletter_lines, _outlet_in_path, analyse

STORY = ("The council voted on Tuesday to extend the library's opening hours.\n"
         "Officials said the change would start next month, funded by a state grant.\n")


def _v(text: str, url: str = "") -> dict:
    return analyse(from_text(text, url=url)).values


def test_a_newsletters_email_furniture_on_a_page_is_counted():
    text = ("Your Thursday Evening Briefing\n"
            "(Want this in your inbox? Here\u2019s the sign-up.)\n" + STORY)
    assert _v(text)["newsletter_leftover"] == 2


def test_a_sites_own_newsletter_box_is_not_furniture():
    text = STORY + "Sign up for our newsletter to get the latest local news every morning.\n"
    assert _newsletter_lines(text) == [] and _v(text)["newsletter_leftover"] == 0


def test_another_outlet_ending_a_url_segment_is_named_but_its_own_site_and_a_story_about_it_are_not():
    assert _outlet_in_path("/your-monday-evening-briefing-the-new-york-times/", "dogdaily.example.com")
    assert _outlet_in_path("/tag/reuters/", "patriotfeed.example.net")
    assert not _outlet_in_path("/world/reuters-report", "www.reuters.com")
    assert not _outlet_in_path("/2024/05/cnn-anchor-leaves-network", "variety.example.com")


def test_a_bare_ip_host_and_a_listing_path_are_features():
    v = _v(STORY, "http://5.161.77.27/tag/world/page/31")
    assert v["host_ip"] == 1 and v["url_listing"] == 1
    v = _v(STORY, "https://www.example-gazette.com/2024/05/council-extends-library-hours")
    assert v["host_ip"] == 0 and v["url_listing"] == 0


def test_an_age_inside_a_clickbait_title_is_bait_but_a_plain_headline_is_not():
    assert _v("SAD NEWS: 30 minutes ago, the family of a beloved singer confirmed the loss\n" + STORY)["title_bait"] == 1
    assert _v("Royal Bombshell 30 Minutes Ago! Palace Announces a Loss\n" + STORY)["title_bait"] == 1
    assert _v("Council extends library hours after 30 years of requests\n" + STORY)["title_bait"] == 0


def test_words_typed_with_cyrillic_lookalikes_are_counted_on_english_text_only():
    lookalike = "Thе bеlоvеd singеr раssеd аwаy реасеfully аt hоmе оn Sundаy\n"  # Cyrillic е, о, а, р, с
    assert _v(lookalike + STORY)["mixed_script_words"] >= 5
    russian = "Городской совет продлил часы работы библиотеки, сообщил iPhone-блогер.\n"
    assert _v(russian)["mixed_script_words"] == 0


def test_the_2025_spinners_multiword_substitutions_are_spin_phrases():
    spun = ("A technique of synthetic intelligence improvement leverages present information units. As a substitute of "
            "coding guidelines, the system learns, as in pc science.\n")
    assert _v(spun)["spin_phrases"] >= 4
    assert _v("Artificial intelligence and computer science instead of rules.\n" + STORY)["spin_phrases"] == 0


def test_a_keyword_and_five_digits_as_a_blog_subdomain_trips_the_url_channel():
    v = _v("WEIGHT LOSS TIPS\nRead more\n", "https://top3exercisesforweightlos98652.blogs-platform.example.com/")
    assert v["host_handle_digits"] == 1 and v["decisive_channels"] >= 1
    v = _v(STORY, "https://conference2025.example.org/news")
    assert v["host_handle_digits"] == 0


def test_placeholder_cells_left_in_a_generated_table_count_as_generator_leftovers():
    text = "Net worth explained\n| Estimated Assets | (Placeholder) |\n| Estimated Net Worth | (Placeholder) |\n" + STORY
    assert _v(text)["gen_placeholders"] >= 2


def test_one_line_of_keyword_phrases_with_towns_and_states_is_a_decisive_shell():
    from classifier.channels import DECISIVE
    from classifier.channels.geo import trips

    shell = "cheap car insurance Maple Grove MN same day loans Cedar Falls IA emergency plumber near me Dover DE"
    doc = from_text("Plumbing\n" + shell + "\n")
    assert "geo" in DECISIVE and trips(_v("Plumbing\n" + shell + "\n"), doc.main_text)
    listing = "Smith Plumbing Austin TX is open on Saturdays; call for quotes.\nJones Roofing serves the county.\n"
    assert not trips(_v(listing), from_text("Local trades\n" + listing).main_text)
