"""Advisor mode ("Beratung"): all questions on one screen during a phone call, the result beside them,
a call summary to read out or send. Decisions live in lotse.guide.advisor; widgets in ui.advisor."""

from __future__ import annotations

import streamlit as st

from lotse.guide.advisor import consult
from ui.advisor import (
    emergency_panel,
    entered_answers,
    new_conversation,
    notes_input,
    questions_form,
    result_panel,
    summary_section,
    wider_page,
)
from ui.content import get_content
from ui.views import disclaimer

wider_page()
content = get_content()
consultation = consult(content, entered_answers(content))

st.title("Beratung", anchor=False)
st.markdown(
    "Für Beraterinnen und Berater am Telefon: alle Fragen auf einer Seite, dazu das Ergebnis und eine "
    "Zusammenfassung. Hinweise für Sie sind mit :material/support_agent: markiert."
)
emergency_panel(consultation)
new_conversation(content)
form, result = st.columns([5, 6], gap="large")
with form:
    questions_form(content, consultation)
    notes_input()
with result:
    result_panel(content, consultation)
summary_section(content, consultation)
disclaimer(content)
