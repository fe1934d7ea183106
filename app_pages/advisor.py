"""Advisor mode ("Beratung"): all questions on one screen during a phone call, the result beside them,
a one-page call summary to read out or send. Decisions live in lotse.guide.advisor; widgets in ui.advisor."""

from __future__ import annotations

import streamlit as st

from lotse.guide.advisor import consult
from ui.advisor import (
    entered_answers,
    new_conversation,
    notes_input,
    questions_form,
    result_panel,
    summary_section,
    wider_page,
)
from ui.content import get_content
from ui.deadlines import advisor_dates, days_left
from ui.documents import advisor_documents
from ui.views import disclaimer

wider_page()
content = get_content()
words = content.texts.advisor
entered, dates = entered_answers(content), advisor_dates(content)
consultation = consult(content, entered, dates, days_left(str(entered.get("state") or ""), dates))

st.title(words.title, anchor=False)
st.markdown(words.intro)
new_conversation(content)
form, result = st.columns([5, 6], gap="large")
with form:
    questions_form(content, consultation)
    notes_input(content)
with result:
    result_panel(content, consultation)
summary_section(content, consultation)
advisor_documents(content, consultation)
disclaimer(content)
