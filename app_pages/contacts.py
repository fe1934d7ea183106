"""Directory of every contact, filterable by state, kind and incident, with the coverage table.
The words are in texts/de.yaml (`contacts`, `labels`); state names are the options of the flow."""

from __future__ import annotations

import streamlit as st

from lotse.check.coverage import SHORT_KIND, state_coverage
from lotse.content.texts import fill
from lotse.content.vocabulary import INCIDENTS, PROVIDER_KINDS, STATES
from lotse.guide.matching import ALL, filter_directory
from ui.content import get_content
from ui.views import render_contact

content = get_content()
words = content.texts.contacts
kinds = content.texts.labels.kinds
questions = content.questions()
state_name = questions["state"].label_of
incident_label = questions["incident"].label_of

st.title(words.title, anchor=False)
st.markdown(words.intro)

state = st.selectbox(
    words.state,
    [ALL, *STATES],
    key="dir_state",
    format_func=lambda code: words.all_states if code == ALL else state_name(code),
)
kind = st.selectbox(
    words.kind,
    [ALL, *PROVIDER_KINDS],
    key="dir_kind",
    format_func=lambda code: words.all_kinds if code == ALL else kinds[code],
)
incident = st.selectbox(
    words.incident,
    [ALL, *INCIDENTS],
    key="dir_incident",
    format_func=lambda code: words.all_incidents if code == ALL else incident_label(code),
)
nationwide = st.checkbox(words.nationwide, value=True, key="dir_national")

matches = filter_directory(content.providers, state, kind, incident, nationwide)
st.markdown(fill(words.count, count=len(matches)))
for provider in matches:
    render_contact(content, provider)

st.header(words.coverage, anchor=False)
st.markdown(words.coverage_intro)
header = f"| {words.coverage_state} | " + " | ".join(kinds[k] for k in PROVIDER_KINDS) + " |"
rows = [
    f"| {state_name(row.state)} | " + " | ".join(str(row.counts[k]) for k in PROVIDER_KINDS) + " |"
    for row in state_coverage(content.providers)
]
st.markdown("\n".join([header, "|" + " --- |" * (len(PROVIDER_KINDS) + 1), *rows]))
st.caption(fill(words.short_names, names=", ".join(f"{short} = {kinds[k]}" for k, short in SHORT_KIND.items())))
