"""Boilerplate removal on scraped plain text: what goes, and that news text stays as written."""

import re

import pytest

from loaders.clean import clean_text, load_rules

NEWS = (
    "Iranian President Masoud Pezeshkian met IAEA chief Rafael Grossi in Tehran on Tuesday. "
    "U.S. Secretary of State Marco Rubio urged Iran to halt enrichment, and Iranian Foreign "
    "Minister Abbas Araghchi rejected the demand, officials said."
)
MORE_NEWS = (
    "NATO Secretary General Mark Rutte condemned Russia for sending drones into Polish airspace. "
    "Polish Prime Minister Donald Tusk accused Moscow of testing the alliance, and the Kremlin denied it."
)


def paragraphs(*blocks: str) -> str:
    return "\n\n".join(blocks)


def test_ordinary_news_text_is_unchanged() -> None:
    text = paragraphs(
        NEWS,
        "By Tuesday evening, the talks had stalled. Sources said the next round could take place in Oman.",
        "About 200 people protested outside the embassy. Share prices in Tehran fell 3 percent.",
        "Next week, Rubio is due to meet his Saudi counterpart. Related talks in Vienna are planned.",
        "Evan Gershkovich, a reporter for The Wall Street Journal, was freed in a prisoner swap in 2024.",
        MORE_NEWS,
    )
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.metadata == {}


def test_single_line_text_with_odd_spacing_is_unchanged() -> None:
    text = 'France and Spain drafted a resolution . " We do not agree , " Jean - Marc Ayrault said .'
    assert clean_text(text).text == text


def test_author_bio_view_all_and_comment_form_are_cut() -> None:
    text = paragraphs(
        NEWS,
        MORE_NEWS,
        "Original Source: www.example-news.com",
        "About Jane Roe",
        "Jane Roe has worked in journalism for the past 12 years. Educated at Example University, "
        "she has written for many publications.",
        "View all posts by Jane Roe →",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    )
    cleaned = clean_text(text)
    assert cleaned.text == paragraphs(NEWS, MORE_NEWS)
    assert cleaned.metadata == {"source": "www.example-news.com", "author": "Jane Roe"}


def test_bio_without_heading_at_the_end_is_cut() -> None:
    bio = (
        "Omar Haddad is a correspondent based in Beirut who has reported on the region for over "
        "a decade. His work has appeared in several international outlets."
    )
    cleaned = clean_text(paragraphs(NEWS, MORE_NEWS, bio))
    assert cleaned.text == paragraphs(NEWS, MORE_NEWS)
    assert cleaned.metadata["author"] == "Omar Haddad"


def test_bio_like_news_paragraph_followed_by_news_is_kept() -> None:
    journalist = (
        "Evan Gershkovich is a reporter for The Wall Street Journal who has worked in Moscow and is "
        "based in Berlin; his work on Russia's army led to his arrest."
    )
    text = paragraphs(NEWS, MORE_NEWS, journalist, "Russia denied the charges were political, the ministry said.")
    assert clean_text(text).text == text


def test_about_heading_without_bio_is_kept() -> None:
    text = paragraphs(NEWS, "About North Korea", "North Korea fired two ballistic missiles on Monday, Seoul said.")
    assert clean_text(text).text == text


def test_sources_previous_next_navigation_and_story_titles_are_cut() -> None:
    text = paragraphs(
        NEWS,
        MORE_NEWS,
        "Sources",
        "Previous\nPrevious",
        "Israel's Fragile Ceasefire: Gaza Withdrawals and West Bank Escalations",
        "Next\nNext",
        "Israel and Hamas Reach Ceasefire Agreement",
    )
    assert clean_text(text).text == paragraphs(NEWS, MORE_NEWS)


@pytest.mark.parametrize(
    "heading",
    ["Related stories", "Read more:", "More from World News", "You may also like", "« Previous Post", "Next »"],
)
def test_related_story_lists_are_cut(heading: str) -> None:
    text = paragraphs(NEWS, MORE_NEWS, heading, "Kim Jong Un Oversees Missile Test\nErdogan Hosts Zelensky in Ankara")
    assert clean_text(text).text == paragraphs(NEWS, MORE_NEWS)


@pytest.mark.parametrize(
    "prompt",
    ["Leave a comment", "3 Comments", "Comments are closed.", "Join the conversation", "Required fields are marked *"],
)
def test_comment_prompts_cut_the_rest(prompt: str) -> None:
    text = paragraphs(NEWS, MORE_NEWS, prompt, "John Smith says:\nGreat article, Putin is wrong.")
    assert clean_text(text).text == paragraphs(NEWS, MORE_NEWS)


def test_weak_signal_in_first_half_of_long_article_drops_only_its_line() -> None:
    body = [f"{NEWS} Paragraph {number}." for number in range(8)]
    text = paragraphs(body[0], "Related", *body[1:])
    assert len(text) > load_rules().long_text_chars
    assert clean_text(text).text == paragraphs(*body)


def test_weak_signal_in_first_half_cuts_when_only_headlines_follow() -> None:
    headlines = [f"Story number {number} about Iran and Israel" for number in range(60)]
    text = paragraphs(NEWS, MORE_NEWS, "Most read", *headlines)
    assert len(text) > 2 * len(paragraphs(NEWS, MORE_NEWS))
    assert clean_text(text).text == paragraphs(NEWS, MORE_NEWS)


def test_tail_signal_before_any_content_drops_only_its_line() -> None:
    assert clean_text(paragraphs("Leave a comment", NEWS)).text == NEWS


def test_lines_of_page_furniture_inside_the_article_are_dropped() -> None:
    text = paragraphs(
        "By Jane Roe and John Doe, Example Wire",
        "Updated March 4, 2025 10:32 AM EST",
        NEWS,
        "Advertisement",
        "Photo: Smoke rises over Kyiv after an overnight attack.",
        "Sign up for our daily newsletter to get the news in your inbox.",
        "We use cookies to improve your experience on our site.",
        "Share on Facebook | Twitter | Email",
        "READ MORE: Kremlin Rejects Ceasefire Plan",
        MORE_NEWS,
        "© 2025 Example Wire. All rights reserved.",
    )
    cleaned = clean_text(text)
    assert cleaned.text == paragraphs(NEWS, MORE_NEWS)
    assert cleaned.metadata == {"author": "Jane Roe"}


def test_inline_photo_credits_are_removed() -> None:
    text = "Rubio spoke in Riyadh on Tuesday. (AP Photo/Evan Vucci) The talks lasted four hours. (Photo by Jane Roe)"
    assert clean_text(text).text == "Rubio spoke in Riyadh on Tuesday. The talks lasted four hours."


def test_credit_alone_on_a_line_is_dropped() -> None:
    assert clean_text(paragraphs(NEWS, "(AFP via Getty Images)", MORE_NEWS)).text == paragraphs(NEWS, MORE_NEWS)


def test_original_source_is_metadata() -> None:
    cleaned = clean_text(paragraphs(NEWS, "Original Source: https://www.cbsnews.com/news/iran"))
    assert cleaned.text == NEWS
    assert cleaned.metadata == {"source": "https://www.cbsnews.com/news/iran"}


def test_bylines_after_the_cut_are_not_the_author() -> None:
    cleaned = clean_text(paragraphs(NEWS, MORE_NEWS, "Related stories", "Kim Tests Missile", "By John Doe"))
    assert "author" not in cleaned.metadata


def test_whitespace_is_normalised_minimally() -> None:
    text = "First paragraph.  Two spaces stay.   \r\n\r\n\r\n\r\nSecond paragraph.\r\nSame paragraph.\n"
    assert clean_text(text).text == "First paragraph.  Two spaces stay.\n\nSecond paragraph.\nSame paragraph."


def test_boilerplate_patterns_are_valid_data() -> None:
    rules = load_rules()
    assert rules.lines and rules.inline and rules.bio_cues
    assert {rule.action for rule in rules.lines} <= {"drop", "tail", "weak_tail"}
    for rule in rules.lines:
        assert set(rule.pattern.groupindex) <= {"source", "author"}, rule.name
        assert "{name}" not in rule.pattern.pattern, rule.name
    assert all(isinstance(pattern, re.Pattern) for pattern in rules.inline)


@pytest.mark.parametrize(
    "line",
    [
        "One response to the crisis was a nationwide curfew.",
        "Updated figures show 40 people died in the strike.",
        "Copyright holders in Brussels sued the company on Monday.",
        "Comment from the ministry was not immediately available.",
        "Sources close to the talks said Oman had passed on a message.",
    ],
)
def test_news_lines_that_resemble_boilerplate_are_kept(line: str) -> None:
    text = paragraphs(NEWS, line, MORE_NEWS)
    assert clean_text(text).text == text


@pytest.mark.parametrize("prompt", ["One response to “Iran Rejects U.S. Demand”", "12 thoughts on \"NATO Condemns Russia\""])
def test_wordpress_comment_counts_cut_the_rest(prompt: str) -> None:
    assert clean_text(paragraphs(NEWS, MORE_NEWS, prompt, "Reader says: wrong.")).text == paragraphs(NEWS, MORE_NEWS)


def test_contributor_credits_at_the_end_of_a_paragraph_are_dropped() -> None:
    text = "Talks resumed in Doha.\n\nThe envoy left on Monday. Amina Yusuf and Carlos Ortega contributed to this report."
    cleaned = clean_text(text).text
    assert cleaned.endswith("The envoy left on Monday.")
    kept = clean_text("Officials said Smith contributed to this report on the war.").text
    assert "Smith contributed" in kept
