"""A letter never ends with a page that holds only its signature: such a page looks unsigned, and it
can be separated from the letter. The greeting and the letter's last lines go with the signature.

The lengths below are those where the signature line fell alone on the next page before print.css kept
greeting and signature with the last paragraph (found by growing each letter's longest free-text field
line by line); the example of the letter to a superior did it with no padding at all.
"""

from __future__ import annotations

import io

import docx
import pytest

from lotse.documents.letters import letter_docx, letter_pdf
from tests.documents_helpers import pdf_facts, shipped

SIGNATURE_LINE = "________________________________"
PADDED = [
    ("strafantrag-dienstvorgesetzter", "what_happened", 0),
    ("beschwerde", "objection", 64),
    ("ladungsanschrift", "reason", 8),
    ("auskunftssperre", "what_happened", 168),
]


def _letter_data(letter_id: str, field: str, sentences: int) -> dict[str, object]:
    _, catalog = shipped()
    data = dict(catalog.letter(letter_id).example)
    data[field] = str(data[field]) + " Weitere Angaben." * sentences
    return data


@pytest.mark.parametrize(("letter_id", "field", "sentences"), PADDED)
def test_the_signature_page_also_holds_the_greeting_and_the_letters_last_lines(
    letter_id: str, field: str, sentences: int
) -> None:
    _, catalog = shipped()
    pages = pdf_facts(letter_pdf(catalog, letter_id, _letter_data(letter_id, field, sentences)).data).pages
    signed = [page for page in pages if SIGNATURE_LINE in page]
    assert len(signed) == 1
    before_signature = signed[0].split(SIGNATURE_LINE)[0]
    assert catalog.file.letter_words.closing in before_signature
    letter_lines = before_signature.split(catalog.file.letter_words.closing)[0].splitlines()
    assert any(line.strip() for line in letter_lines), f"{letter_id}: greeting and signature alone on a page"


def test_in_word_the_greeting_keeps_with_the_signature_and_the_signature_holds_together() -> None:
    _, catalog = shipped()
    letter = letter_docx(catalog, "beschwerde", _letter_data("beschwerde", "objection", 0))
    paragraphs = docx.Document(io.BytesIO(letter.data)).paragraphs
    closing = next(p for p in paragraphs if p.text == catalog.file.letter_words.closing)
    signature = next(p for p in paragraphs if p.text.startswith(SIGNATURE_LINE))
    assert closing.paragraph_format.keep_with_next is True
    assert signature.paragraph_format.keep_together is True
