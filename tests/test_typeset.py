"""The Typst writer (lotse/documents/typeset.py), which makes the police timeline of a whole case: a tagged
German A4 PDF with the bundled font, typed text shown as text, nothing fetched, no library named in the
metadata, no word run off the paper, and nothing of a person's document kept in Typst's memory."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from lotse.documents import typeset
from lotse.documents.blocks import Bullets, Card, Heading, Markdown, Page, PageBreak, Paragraph
from lotse.documents.typeset import UntypesetBlockError, typeset_pdf
from tests.documents_helpers import flat, pdf_facts

MARKUP = "#set page(width: 1cm) *fett* _kursiv_ $x^2$ <b>x</b> [Link](https://a.example) \\ // kein Kommentar"
IMPORT = '#import "@preview/cetz:0.3.0": *'


def a_page(*blocks: Heading | Paragraph | Bullets | PageBreak, title: str = "Zeitstrahl der Vorfälle") -> Page:
    return Page(title, (Heading(title, 1), Heading("Die Vorfälle", 2), *blocks), "handout")


def test_the_pdf_is_tagged_german_a4_with_the_bundled_font_embedded() -> None:
    data = typeset_pdf(a_page(Paragraph("Wann ist es passiert? 3. März 2026\nWer war es? Wahrheit123", "lines")))
    facts = pdf_facts(data)
    reader = PdfReader(io.BytesIO(data))
    assert facts.tagged and facts.marked and facts.embedded
    assert str(facts.lang) == "de" and facts.title == "Zeitstrahl der Vorfälle"
    assert [round(float(v)) for v in reader.pages[0].mediabox] == [0, 0, 595, 842]  # A4 in points
    assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in facts.fonts} <= {"DejaVuSans", "DejaVuSans-Bold"}
    assert "Wann ist es passiert? 3. März 2026\nWer war es? Wahrheit123" in facts.pages[0]
    assert flat(facts.pages[0]).endswith("Seite 1 von 1")


def test_the_structure_has_the_headings_and_a_list() -> None:
    data = typeset_pdf(a_page(Heading("Vorfall 1: 3. März 2026", 3), Bullets(("eins", "zwei"), "index")))
    tags = set(re.findall(rb"/S /(\w+)", data)) | set(re.findall(rb"/S/(\w+)", data))
    assert {b"H1", b"H2", b"H3", b"L", b"LI", b"LBody"} <= tags


def test_typed_markup_is_shown_as_text_and_never_run() -> None:
    data = typeset_pdf(a_page(Paragraph(MARKUP), Paragraph(IMPORT, "lines"), Bullets((MARKUP,), "index")))
    text = flat(pdf_facts(data).pages[0])
    assert text.count(flat(MARKUP)) == 2 and flat(IMPORT) in text
    assert [round(float(v)) for v in PdfReader(io.BytesIO(data)).pages[0].mediabox] == [0, 0, 595, 842]


def test_the_template_reads_nothing_but_the_page_it_is_given() -> None:
    code = "\n".join(line.split("//")[0] for line in typeset.TEMPLATE.read_text(encoding="utf-8").splitlines())
    for reach in ("#import", "#include", "read(", "image(", "plugin(", "csv(", "yaml(", "toml(", "xml(", "cbor("):
        assert reach not in code, reach
    assert "json(bytes(sys.inputs.page))" in code  # the one input: the page as JSON text, never a file
    assert sorted(path.name for path in typeset.TEMPLATE_DIR.iterdir()) == ["page.typ"]  # Typst's whole root


def test_the_metadata_names_no_library_version_or_date() -> None:
    data = typeset_pdf(a_page(Paragraph("Text")))
    reader = PdfReader(io.BytesIO(data))
    assert set(reader.metadata or {}) == {"/Title"}
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"typst" not in data.lower()
    assert b"CreatorTool" not in xmp and b"CreateDate" not in xmp and b"ModifyDate" not in xmp
    assert b"/CreationDate" not in data and b"/ModDate" not in data


def test_a_long_word_breaks_inside_the_page_and_a_web_address_stays_whole() -> None:
    word, address = "A" * 400, "https://social.example/profil/" + "abcdefghij" * 20
    data = typeset_pdf(a_page(Paragraph(word), Paragraph(address)))
    lines = [line for line in pdf_facts(data).pages[0].splitlines() if line.strip("\u200b")]
    long_lines = [line.replace("\u200b", "") for line in lines if set(line.replace("\u200b", "")) == {"A"}]
    assert "".join(long_lines) == word and len(long_lines) >= 5  # on the paper, over several lines
    assert address in typeset._shown(address)  # a web address gets no break mark from Lotse
    assert typeset._shown("Rinderkennzeichnungsfleischetikettierungsüberwachung") == (
        "Rinderkennzeichnungsfleischetikettierung\u200bsüberwachung"  # 52 letters: one mark after 40
    )
    assert typeset._shown("Donaudampfschifffahrtsgesellschaft") == "Donaudampfschifffahrtsgesellschaft"
    assert typeset._shown("Ümläut-Test 🙂") == "Ümläut-Test □"  # the bundled font has no emoji


def test_a_page_break_starts_a_new_page() -> None:
    facts = pdf_facts(typeset_pdf(a_page(Paragraph("eins"), PageBreak(), Paragraph("zwei"))))
    assert len(facts.pages) == 2 and "zwei" in facts.pages[1] and "zwei" not in facts.pages[0]
    assert flat(facts.pages[1]).endswith("Seite 2 von 2")


@pytest.mark.parametrize(
    "block",
    [
        Markdown("**fett**"),
        Card("Polizei", (("Telefon", "110"),)),
        Paragraph("x", "signature"),
        Bullets(("x",), "check"),
    ],
)
def test_blocks_the_template_does_not_lay_out_are_refused(block: object) -> None:
    with pytest.raises(UntypesetBlockError, match="not typeset by Typst"):
        typeset_pdf(Page("t", (Heading("t", 1), block), "handout"))  # type: ignore[arg-type]
    with pytest.raises(UntypesetBlockError, match="appendix"):
        typeset_pdf(Page("t", (Heading("t", 1),), "letter", appendix=(Paragraph("x"),)))


def test_typst_forgets_each_document_once_it_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[bytes] = []
    real = typeset.typst.compile

    def counted(source: bytes, **options: object) -> bytes:
        compiled.append(source)
        return real(source, **options)

    monkeypatch.setattr(typeset.typst, "compile", counted)
    typeset_pdf(a_page(Paragraph("Wahrheit123")))
    assert compiled[0] == typeset.TEMPLATE.read_bytes()
    assert compiled[1:] == [b""] * 11  # empty documents that age the memory out (comemo::evict(10) after each)


def test_the_memory_does_not_grow_with_the_documents_made() -> None:
    """Without the empty compilations Typst keeps about 8 MB for each of these documents (10 in its memory)."""

    def resident_mib() -> float:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * 4096 / 2**20

    def document(number: int) -> Page:
        return a_page(*(Paragraph(f"Vorfall {number}-{n}: {'Wort ' * 60}", "lines") for n in range(120)))

    typeset_pdf(document(0))
    before = resident_mib()
    for number in range(1, 13):
        typeset_pdf(document(number))
    assert resident_mib() - before < 30
