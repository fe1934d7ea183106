"""What every document file is, beyond its words: A4, a letter numbered without its checklist, metadata
that names no library, version or stale date, and WeasyPrint loaded only to make a document."""

from __future__ import annotations

import io
import queue
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta

import docx
import pytest
from pypdf import PdfReader

from lotse.documents import pdf as pdf_module
from lotse.documents.handout import handout_pdf
from lotse.documents.letters import letter_docx, letter_pdf
from lotse.guide.result import compute_result
from tests.documents_helpers import ROOT, flat, pdf_facts, shipped

TODAY = date(2026, 3, 12)
LIBRARIES = (b"python-docx", b"WeasyPrint", b"Macintosh", b"2013-12-23")


def _example(letter_id: str) -> dict[str, object]:
    return dict(shipped()[1].letter(letter_id).example)


def test_every_word_file_is_a4_with_the_pdf_margins() -> None:
    _, catalog = shipped()
    for letter_id in catalog.letter_ids():
        document = docx.Document(io.BytesIO(letter_docx(catalog, letter_id, _example(letter_id), state="BY").data))
        for section in document.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), letter_id
            margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
            assert [round(m.mm) for m in margins] == [20, 20, 22, 25]


def test_the_letter_is_numbered_alone_and_the_checklist_on_its_own() -> None:
    _, catalog = shipped()
    facts = pdf_facts(letter_pdf(catalog, "strafantrag", _example("strafantrag"), state="BY", today=TODAY).data)
    feet = [flat(page).rsplit("Seite ", 1)[1] for page in facts.pages]
    checklist_at = next(i for i, page in enumerate(facts.pages) if "Checkliste – für Sie" in flat(page)[:60])
    letter, checklist = feet[:checklist_at], feet[checklist_at:]
    assert letter == [f"{n} von {len(letter)}" for n in range(1, len(letter) + 1)]
    assert checklist == [f"{n} von {len(checklist)}" for n in range(1, len(checklist) + 1)]
    for page in facts.pages[checklist_at:]:  # each checklist page says at its foot what it is
        assert "Checkliste – für Sie, nicht zum Abschicken Seite" in flat(page)
    assert facts.tagged and facts.lang == "de" and facts.title == "Strafanzeige und Strafantrag"


def test_word_metadata_names_no_library_and_no_stale_date() -> None:
    _, catalog = shipped()
    before = datetime.now(UTC).replace(microsecond=0)
    data = letter_docx(catalog, "sachstand", _example("sachstand"), state="BY", today=TODAY).data
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.author == "" and properties.comments == "" and properties.last_modified_by == ""
    assert properties.title and properties.language == "de-DE"
    for made in (properties.created, properties.modified):
        assert made is not None and before - timedelta(seconds=1) <= made <= datetime.now(UTC) + timedelta(seconds=1)
    package = zipfile.ZipFile(io.BytesIO(data))
    for name in package.namelist():
        content = package.read(name)
        assert not any(word in content for word in LIBRARIES), name


@pytest.mark.parametrize("kind", ["letter", "handout"])
def test_pdf_metadata_names_no_producer(kind: str) -> None:
    content, catalog = shipped()
    if kind == "letter":
        data = letter_pdf(catalog, "sachstand", _example("sachstand"), state="BY", today=TODAY).data
    else:
        result = compute_result(content, {"incident": ["insult"], "danger": "no", "state": "HB", "police": "yes"})
        data = handout_pdf(catalog, content, result, TODAY).data
    reader = PdfReader(io.BytesIO(data))
    assert set(reader.metadata or {}) == {"/Title"}
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"Producer" not in xmp and not any(word in xmp for word in LIBRARIES)
    assert not any(word in data for word in LIBRARIES)


def test_the_command_line_loads_weasyprint_and_typst_only_to_make_a_document() -> None:
    probe = (
        "import sys, lotse.cli; "
        "print(sorted(m for m in ('weasyprint', 'docx', 'fontTools', 'typst', 'lotse.documents.pdf',"
        " 'lotse.documents.typeset') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_fonts_and_the_stylesheet_are_made_once_for_every_document(monkeypatch: pytest.MonkeyPatch) -> None:
    content, catalog = shipped()
    made: list[str] = []
    monkeypatch.setattr(pdf_module, "_pool", queue.SimpleQueue())

    class CountedFonts(pdf_module.BundledFonts):
        def __init__(self) -> None:
            made.append("fonts")
            super().__init__()

    def counted_css(*args: object, **kwargs: object) -> object:
        made.append("stylesheet")
        return real_css(*args, **kwargs)

    real_css = pdf_module.CSS
    monkeypatch.setattr(pdf_module, "BundledFonts", CountedFonts)
    monkeypatch.setattr(pdf_module, "CSS", counted_css)
    result = compute_result(content, {"incident": ["insult"], "danger": "no", "state": "HB", "police": "yes"})
    for _ in range(2):
        handout_pdf(catalog, content, result, TODAY)
        letter_pdf(catalog, "sachstand", _example("sachstand"), state="BY", today=TODAY)  # with its checklist
    assert made == ["fonts", "stylesheet"]
