"""Call and write buttons are plain HTML links: every text is escaped, and only tel: and mailto: get in."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ui.actions import Action, links_html


def test_labels_and_addresses_are_escaped() -> None:
    html = links_html([Action('Anrufen: <b>"110"</b> & mehr', "tel:110", "emergency")])
    assert html == (
        '<div class="lotse-actions"><a class="lotse-action emergency" href="tel:110">'
        "Anrufen: &lt;b&gt;&quot;110&quot;&lt;/b&gt; &amp; mehr</a></div>"
    )


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[list[tuple[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.attributes.append(attrs)


def test_a_mail_address_cannot_leave_its_attribute() -> None:
    anchors = Anchors()
    anchors.feed(links_html([Action("Schreiben", 'mailto:a@b.de" onclick="x', "secondary")]))
    assert anchors.attributes == [[("class", "lotse-action secondary"), ("href", 'mailto:a@b.de" onclick="x')]]


@pytest.mark.parametrize("href", ["https://example.org", "javascript:alert(1)", "data:text/html,x", "//evil"])
def test_only_call_and_mail_addresses_are_links(href: str) -> None:
    with pytest.raises(ValueError, match="not a call or mail address"):
        Action("Klick", href)
