"""The result page through AppTest: a short plan first, the person's own question near the top,
everything else folded, steps that fit the channel, and contact cards without noise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.apptest import (
    card_names,
    cards,
    folded_titles,
    page_outline,
    plan_titles,
    result_page,
    texts,
    visible_text,
)
from tests.documents_helpers import shipped_content

ROOT = Path(__file__).resolve().parents[1]
LETTER_THREAT = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "BY",
    "police": "yes",
    "author_known": "no",
}


def test_the_plan_comes_first_and_the_rest_is_folded() -> None:
    at = result_page(LETTER_THREAT)
    outline = page_outline(at)
    kinds = [kind for kind, _ in outline]
    assert outline[:2] == [("title", "Ihr Plan"), ("glance", "Auf einen Blick")]
    plan = outline.index(("header", "Jetzt tun"))
    assert outline[plan + 1] == ("plan", "1. So zeigen Sie die Tat an")
    assert {kind for kind, _ in outline[2:plan]} == {"link"}  # only the glance's buttons before the plan
    assert plan_titles(at) == [
        "So zeigen Sie die Tat an",
        "Drohbrief – so wenig wie möglich anfassen",
        "Aufschreiben, was passiert ist",
        "Mit der starken Stelle sprechen",
    ]
    more = outline.index(("header", "Mehr dazu"))
    assert kinds.index("plan") < more and "plan" not in kinds[more:]
    assert all(not expander.proto.expanded for expander in at.expander)  # details and "Mehr dazu" folded


def test_each_plan_item_has_one_sentence_and_its_button() -> None:
    at = result_page(LETTER_THREAT)
    outline = page_outline(at)
    starke = outline.index(("plan", "4. Mit der starken Stelle sprechen"))
    assert outline[starke + 1 : starke + 3] == [
        ("link", "Anrufen: 0800 300 99 44 -> tel:+498003009944"),
        ("link", "E-Mail an info@starkestelle.de -> mailto:info@starkestelle.de"),
    ]
    assert "Rufen Sie die starke Stelle an. Sie berät kostenlos und vertraulich" in texts(at)
    notes = outline.index(("plan", "3. Aufschreiben, was passiert ist"))
    assert outline[notes + 1] == ("button", "Vorlage zum Aufschreiben speichern (.txt)")
    unsure = page_outline(result_page({**LETTER_THREAT, "danger": "unsure"}))
    tonight = unsure.index(("plan", "1. Für heute Nacht sorgen"))
    assert unsure[tonight + 1] == ("link", "Anrufen: 110 -> tel:110")


def test_a_letter_gets_letter_evidence_and_no_online_steps() -> None:
    at = result_page(LETTER_THREAT)
    shown = plan_titles(at) + folded_titles(at)
    assert "Drohbrief – so wenig wie möglich anfassen" in shown
    for online in (
        "Beiträge im Netz richtig sichern",
        "Inhalte der Plattform melden",
        "Anonyme Täter – was möglich ist",
    ):
        assert online not in shown


def test_online_posts_get_online_evidence_and_platform_reporting() -> None:
    at = result_page({**LETTER_THREAT, "channel": ["online"]})
    assert "Beiträge im Netz richtig sichern" in plan_titles(at)  # posts are often deleted soon
    shown = folded_titles(at)
    assert "Inhalte der Plattform melden" in shown
    assert "Drohbrief – so wenig wie möglich anfassen" not in shown


def test_the_callers_own_question_answers_itself_near_the_top() -> None:
    at = result_page(
        {
            "incident": ["defamation"],
            "danger": "no",
            "channel": ["online"],
            "state": "BY",
            "police": "already_reported",
            "report_status": "waiting",
            "author_known": "no",
        }
    )
    outline = page_outline(at)
    own = outline.index(("header", "Zu Ihrer Anzeige"))
    assert outline[own + 1] == ("subheader", "Lange nichts gehört? So fragen Sie nach")
    assert own < outline.index(("header", "Mehr dazu"))
    assert "Lange nichts gehört? So fragen Sie nach" not in folded_titles(at)


def test_the_contacts_the_plan_names_come_first() -> None:
    at = result_page(LETTER_THREAT)
    names = card_names(at)
    assert names[0] == "starke Stelle – Ansprechstelle zum Schutz kommunaler Amts- und Mandatsträger"


def test_cards_say_nothing_unknown_and_whom_an_offer_is_for() -> None:
    at = result_page({**LETTER_THREAT, "state": "SL"})
    page_text = texts(at)
    assert "nicht bekannt" not in page_text
    assert "Für: Frauen, die Gewalt erleben oder bedroht werden, und Menschen aus ihrem Umfeld" in page_text
    assert "im Saarland" in page_text and "in Saarland" not in page_text
    assert "Sie nennt Ihnen passende Hilfe im Saarland und im Bund." in page_text


def test_a_card_shows_how_old_its_source_is() -> None:
    at = result_page(LETTER_THREAT)
    starke = next(visible_text(c) for c in cards(at) if "saarland.de/mibs" in c)  # the starke Stelle's source
    assert starke.endswith(
        "Quelle: saarland.de · Stand der Quelle: 3. September 2024 · "
        "abgeglichen am 30.11.2026 mit einer gespeicherten Kopie"
    )
    assert "geprüft am 30.11.2026" not in starke  # a stored copy is not the live page (issue 20)


def test_live_geprueft_only_for_a_source_opened_live() -> None:
    texts = shipped_content().texts
    day = date(2026, 11, 30)
    assert texts.provenance("2019", day, "archive") == (
        "Stand der Quelle: 2019 · abgeglichen am 30.11.2026 mit einer gespeicherten Kopie"
    )
    assert texts.provenance("2024-09", day, "live") == "Stand der Quelle: September 2024 · live geprüft am 30.11.2026"
    assert texts.provenance("undated", day, "archive").startswith("Die Quelle nennt kein Datum · abgeglichen am")


def test_a_card_whose_source_gives_no_date_says_so_in_german() -> None:
    at = result_page({**LETTER_THREAT, "state": "BY"})
    bavaria = next(visible_text(c) for c in cards(at) if "bayern-gegen-gewalt.de" in c)  # source_date: undated
    assert "· Die Quelle nennt kein Datum · abgeglichen am " in bavaria
    assert "undated" not in texts(at)


def test_no_police_wish_lists_police_contacts_last_under_their_own_heading() -> None:
    at = result_page({**LETTER_THREAT, "police": "no"})
    assert ("subheader", "Falls Sie sich doch für eine Anzeige entscheiden") in page_outline(at)
    assert "Ohne Polizei – das können Sie trotzdem tun" in folded_titles(at)


def test_the_answers_below_the_result_are_the_ones_given_in_order() -> None:
    at = result_page(LETTER_THREAT)
    rows = [m.value.split("  \n")[0] for m in at.markdown if m.value.startswith("**") and "  \n" in m.value]
    assert rows == [
        "**Für wen nutzen Sie Lotse?**",  # the walk answered the first question for oneself
        "**Was ist passiert?**",
        "**Sind Sie gerade in Gefahr?**",
        "**Wie kam es bei Ihnen an?**",
        "**In welchem Bundesland sind Sie tätig?**",
        "**Möchten Sie die Polizei einschalten?**",
        "**Wissen Sie, wer es war?**",
    ]
