"""The trainer page says which answer it assumes where a scenario leaves a further question open: the
answer in the words of `explain.trace.answer_text`, in the sentence of texts/de.yaml (`training.assumed`)."""

from __future__ import annotations

from tests.test_training_page import click, training


def test_the_trainer_page_names_the_default_it_takes() -> None:
    at = click(training("angriff-bei-buergerversammlung"), "training_next")
    assert at.header[0].value == "Für wen nutzen Sie Lotse?"
    assert [c.value for c in at.caption if "Lotse nimmt" in c.value] == [
        "Im Fall steht dazu nichts. Lotse nimmt „Für mich selbst“ an."
    ]
