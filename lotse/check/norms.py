"""Every norm a text names has a source for that norm in the same step, letter or deadline.

A step that says "§ 172 StPO" without a source for § 172 StPO sends a reader to a paragraph nobody can
open from the page, and an editor cannot see which stored text the sentence was checked against
(docs/legal-register.md). A source covers a norm when its label names the same paragraph or article of
the same law ("§ 172 StPO – Beschwerde …", "Art. 16 DSA") or its address is that paragraph's page
(gesetze-im-internet.de/stpo/__172.html, dejure.org/gesetze/StPO/172.html). Warnings only: the text may
be right, but its source is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from lotse.content.loader import STEPS_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import Source
from lotse.documents.catalog import DOCUMENTS_FILE, DocumentCatalog

_LAWS = r"StGB|StPO|BMG|ZPO|BGB|GG|SGB [IVX]+|SGB \d+|BDSG|TDDDG|GewSchG|GVG|DSA|DSGVO|NetzDG|OEG|RiStBV"
_NORM = re.compile(
    rf"(?P<kind>§§?|Art\.|Nr\.)\s*(?P<number>\d+[a-z]?)"
    rf"(?:(?:,|\s)\s*(?:Abs\.|Absatz|Satz|S\.|Nr\.|Buchst\.|lit\.)?\s*\d+[a-z]?)*\s+(?P<law>{_LAWS})\b"
)
_RISTBV = re.compile(r"(?:RiStBV\s+)?Nr\.\s*(?P<number>\d+)(?:\s+Abs\.\s*\d+)?\s+RiStBV|RiStBV\s+Nr\.\s*(?P<n2>\d+)")
_SLUG = {
    "stgb": "StGB",
    "stpo": "StPO",
    "bmg": "BMG",
    "zpo": "ZPO",
    "bgb": "BGB",
    "gg": "GG",
    "bdsg_2018": "BDSG",
    "gewschg": "GewSchG",
    "tdddg": "TDDDG",
    "gvg": "GVG",
    "oeg": "OEG",
}
_GII = re.compile(r"gesetze-im-internet\.de/(?P<slug>[a-z0-9_]+)/(?:__|art_)(?P<number>\d+[a-z]?)\.html")
_DEJURE = re.compile(r"dejure\.org/gesetze/(?P<law>[A-Za-z]+)/(?P<number>\d+[a-z]?)\.html")
_SGB = re.compile(r"sgb_(?P<book>\d+)")


@dataclass(frozen=True)
class Norm:
    law: str
    number: str

    def __str__(self) -> str:
        if self.law == "RiStBV":
            return f"Nr. {self.number} RiStBV"
        return f"Art. {self.number} {self.law}" if self.law in {"DSA", "DSGVO", "GG"} else f"§ {self.number} {self.law}"


def norms_in(text: str) -> list[Norm]:
    """The norms a text names, each once, in order ("§ 172 Abs. 1 StPO" is § 172 StPO)."""
    found = [Norm(_law(m["law"]), m["number"]) for m in _NORM.finditer(text) if m["kind"] != "Nr."]
    found += [Norm("RiStBV", m["number"] or m["n2"]) for m in _RISTBV.finditer(text)]
    return list(dict.fromkeys(found))


def covered(norm: Norm, sources: Iterable[Source]) -> bool:
    return any(norm in _source_norms(source) or _label_names(source.label, norm) for source in sources)


def _label_names(label: str, norm: Norm) -> bool:
    """A label that names the law and the number anywhere: "RiStBV Nr. 86 und 87", "DSGVO (Art. 17 …)".
    The number stands alone: a label on § 77b StGB does not cover § 77 StGB, nor § 77 one on § 77b."""
    law = re.escape(norm.law)
    return bool(re.search(rf"\b{law}\b", label) and re.search(rf"(?<![\d/.]){norm.number}(?![\d/a-z])", label))


def _source_norms(source: Source) -> set[Norm]:
    norms = set(norms_in(source.label))
    for match in _GII.finditer(source.url):
        slug = match["slug"]
        sgb = _SGB.fullmatch(slug)
        law = f"SGB {_roman(int(sgb['book']))}" if sgb else _SLUG.get(slug, slug.upper())
        norms.add(Norm(law, match["number"]))
    for match in _DEJURE.finditer(source.url):
        norms.add(Norm(_law(match["law"]), match["number"]))
    return norms


def _law(name: str) -> str:
    """One spelling per law: 'SGB 14' and 'SGB XIV' are the same book."""
    if name.startswith("SGB ") and name[4:].isdigit():
        return f"SGB {_roman(int(name[4:]))}"
    return name


def _roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def norm_problems(content: Content, catalog: DocumentCatalog | None) -> list[Problem]:
    problems = []
    for file, line, what, texts, sources in texts_with_sources(content, catalog):
        missing = [norm for norm in norms_in("\n".join(texts)) if not covered(norm, sources)]
        for norm in missing:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{what} nennt {norm}, hat aber keine Quelle dafür. Ergänzen Sie unter 'sources' eine Quelle, "
                    f"deren label {norm} nennt (oder deren Adresse die Seite dieser Vorschrift ist), oder "
                    "streichen Sie die Angabe. Jede Rechtsaussage steht auch in docs/legal-register.md.",
                    "warning",
                )
            )
    return problems


def texts_with_sources(
    content: Content, catalog: DocumentCatalog | None
) -> Iterator[tuple[str, int, str, Sequence[str], Sequence[Source]]]:
    for compiled in content.steps:
        step = compiled.step
        texts = [step.title, step.text, *(variant.text for variant in step.variants)]
        yield STEPS_FILE, compiled.line, f"Schritt '{step.id}'", [t for t in texts if t], step.sources
    if catalog is None:
        return
    for deadline_id, deadline in catalog.file.deadlines.items():
        texts = [deadline.moved, deadline.rule, deadline.counted, deadline.counted_safe, deadline.passed_advice]
        line = _line(catalog, ("deadlines", deadline_id))
        yield DOCUMENTS_FILE, line, f"Frist '{deadline_id}'", texts, deadline.sources
    for index, letter in enumerate(catalog.file.letters):
        sources = [*letter.sources, *(s for block in letter.body for s in block.sources)]
        texts = [letter.summary, letter.subject, letter.send_to, *letter.checklist]
        texts += [block.text or block.heading or "" for block in letter.body]
        texts += [use.help or "" for use in letter.fields]
        yield DOCUMENTS_FILE, _line(catalog, ("letters", index)), f"Brief '{letter.id}'", texts, sources
    for index, offence in enumerate(catalog.file.offences):
        texts = [offence.law, offence.hint]
        yield (
            DOCUMENTS_FILE,
            _line(catalog, ("offences", index)),
            f"Straftat '{offence.value}'",
            texts,
            [offence.source],
        )


def _line(catalog: DocumentCatalog, path: tuple[str | int, ...]) -> int:
    return catalog.lines.get(path, 1)
