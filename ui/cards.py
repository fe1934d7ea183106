"""Contact cards and "Auf einen Blick" as one block of HTML each (`st.html`, sanitised by Streamlit).

One element per card instead of about seven: a result page has up to a dozen cards, and every element
costs the server and the browser time on each rerun (issue 21). Every text is escaped here; links are
built only from `tel:`, `mailto:` and `https:` addresses, and a source or website shows its publisher's
host name ("bayernportal.de"), never the raw address with its path and query.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from lotse.content.loader import Content
from lotse.content.schema import Provider
from lotse.content.texts import fill
from lotse.explain.glance import Glance
from lotse.explain.summary import where
from ui.actions import Action, links_html

MARK = "\x00"
"""Stands for a link inside a text while the text is escaped; the link's HTML replaces it afterwards."""


def host(url: str) -> str:
    """The publisher's host name: "https://www.bayernportal.de/x?y=1" -> "bayernportal.de"."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def web_link(url: str, label: str | None = None) -> str:
    """A link to an https address, labelled with its host; anything else is shown as text, not linked."""
    text = escape(label or host(url) or url)
    if not url.startswith("https://"):
        return text
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{text}</a>'


def with_link(text: str, link_html: str) -> str:
    """`text` (filled with MARK where the link goes) escaped, with the link's HTML in its place."""
    return escape(text).replace(MARK, link_html)


def contact_actions(content: Content, provider: Provider, primary: bool = False) -> list[Action]:
    """The call and write buttons of a contact (its number and address as the labels)."""
    words = content.texts.result
    found = []
    tel = provider.tel_link() if provider.phone else None
    if tel:
        found.append(Action(fill(words.call, number=provider.phone), tel, "primary" if primary else "secondary"))
    if provider.email:
        found.append(Action(fill(words.write, address=provider.email), f"mailto:{provider.email}"))
    return found


def contact_facts(content: Content, provider: Provider) -> list[str]:
    """What is known about a contact beyond its channels; nothing for what is not known."""
    words = content.texts.cards
    facts = []
    if provider.anonymous in words.anonymous:
        facts.append(words.anonymous[provider.anonymous])
    if provider.free_of_charge == "yes":
        facts.append(words.free)
    elif provider.free_of_charge == "no":
        facts.append(words.not_free)
    return facts


def source_line(content: Content, provider: Provider) -> str:
    """ "Quelle: bayernportal.de · Stand der Quelle: 2015 · abgeglichen am 30.11.2026 mit einer gespeicherten
    Kopie" (HTML); the words come from content.texts.provenance."""
    text = with_link(fill(content.texts.cards.source, source=MARK), web_link(provider.source))
    how = content.texts.provenance(provider.source_date, provider.verified, provider.verified_how)
    return f"{text} · {escape(how)}"


def card_html(content: Content, provider: Provider) -> str:
    """One contact: name, for whom, kind and place, what it does, its buttons, website, hours, facts,
    its relation to the police and its source."""
    texts = content.texts
    words = texts.cards
    parts = [f'<h3 class="lotse-card-name">{escape(provider.name)}</h3>']
    if provider.audience:
        parts.append(f"<p>{escape(fill(words.audience, audience=provider.audience))}</p>")
    meta = f"{texts.labels.kinds[provider.kind]} · {where(content, provider)}"
    parts.append(f'<p class="lotse-card-meta">{escape(meta)}</p>')
    parts.append(f"<p>{escape(provider.description)}</p>")
    buttons = contact_actions(content, provider)
    if buttons:
        parts.append(links_html(buttons))
    if provider.url:
        parts.append(f'<p class="lotse-card-web">{escape(words.website)}: {web_link(provider.url)}</p>')
    lines = []
    if provider.hours:
        lines.append(f"{escape(words.hours)}: {escape(provider.hours)}")
    facts = contact_facts(content, provider)
    if facts:
        lines.append(escape(" · ".join(facts)))
    lines.append(escape(texts.labels.police_relations[provider.police_relation]))
    parts.append(f"<p>{'<br>'.join(lines)}</p>")
    parts.append(f'<p class="lotse-card-source">{source_line(content, provider)}</p>')
    return f'<div class="lotse-card">{"".join(parts)}</div>'


def glance_html(content: Content, glance: Glance, emergency_above: bool) -> str:
    """ "Auf einen Blick": 110 first where the person is not sure about danger, the actions (one line
    each with its button), the numbers, the deadline. With the emergency box above (`emergency_above`),
    110 is not repeated."""
    words = content.texts
    parts = [f"<h2>{escape(glance.title)}</h2>"]
    # 110 as one big red button (here or in the box above): no small "Anrufen: 110" besides it.
    big_110 = emergency_above or bool(glance.note and glance.call_110)
    numbers = [p for p in glance.numbers if not (big_110 and p.phone == "110")]
    if glance.note:
        if glance.call_110 and not emergency_above:
            parts.append(links_html([Action(words.emergency.call, "tel:110", "emergency")]))
        parts.append(f'<p class="lotse-glance-note"><strong>{escape(glance.note)}</strong></p>')
    if glance.deadline:
        parts.append(f'<p class="lotse-glance-deadline"><strong>{escape(glance.deadline)}</strong></p>')
    if glance.actions:
        items = []
        for action in glance.actions:
            contact = action.contact
            repeated = contact is not None and big_110 and contact.phone == "110"
            buttons = contact_actions(content, contact, primary=True) if contact and not repeated else []
            row = links_html(buttons[:1]) if buttons else ""
            items.append(f"<li><p>{escape(action.text)}</p>{row}</li>")
            if buttons:  # its button is right here: not once more under the numbers
                numbers = [p for p in numbers if p.id != contact.id]
        parts.append(f'<ol class="lotse-glance-actions">{"".join(items)}</ol>')
    if numbers:
        parts.append(f"<p><strong>{escape(words.result.glance_numbers)}</strong></p>")
        parts.append(f'<ul class="lotse-glance-numbers">{"".join(number_item(content, p) for p in numbers)}</ul>')
    return f'<section class="lotse-glance" aria-label="{escape(glance.title)}">{"".join(parts)}</section>'


def number_item(content: Content, provider: Provider) -> str:
    """One number of the glance: the contact's name (and hours) and its call button, or its website."""
    hours = f" ({escape(provider.hours)})" if provider.hours else ""
    buttons = contact_actions(content, provider)
    website = f"{escape(content.texts.cards.website)}: {web_link(provider.url)}" if provider.url else ""
    reach = links_html(buttons[:1]) if buttons else f"<p>{website}</p>" if website else ""
    return f"<li><p>{escape(provider.name)}{hours}</p>{reach}</li>"
