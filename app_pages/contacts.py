"""Directory of every contact, filterable by state, kind and incident, with the coverage table."""

from __future__ import annotations

import streamlit as st

from lotse.check.coverage import SHORT_KIND, state_coverage
from lotse.content.vocabulary import INCIDENTS, PROVIDER_KINDS, STATE_NAMES, STATES
from lotse.guide.matching import ALL, filter_directory
from ui.content import get_content
from ui.views import render_contact

content = get_content()
incident_labels = {value: content.questions()["incident"].label_of(value) for value in INCIDENTS}

st.title("Alle Ansprechstellen", anchor=False)
st.markdown(
    "Hier finden Sie alle Kontakte, die Lotse kennt. Jeder Eintrag nennt seine Quelle und das Datum, "
    "an dem er zuletzt geprüft wurde."
)

state = st.selectbox(
    "Bundesland",
    [ALL, *STATES],
    key="dir_state",
    format_func=lambda code: "Alle Länder" if code == ALL else STATE_NAMES[code],
)
kind = st.selectbox(
    "Art der Stelle",
    [ALL, *PROVIDER_KINDS],
    key="dir_kind",
    format_func=lambda k: "Alle Arten" if k == ALL else PROVIDER_KINDS[k],
)
incident = st.selectbox(
    "Was ist passiert?",
    [ALL, *INCIDENTS],
    key="dir_incident",
    format_func=lambda i: "Alles" if i == ALL else incident_labels[i],
)
nationwide = st.checkbox("Bundesweite Angebote zeigen", value=True, key="dir_national")

matches = filter_directory(content.providers, state, kind, incident, nationwide)
st.markdown(f"**{len(matches)} Ansprechstellen**")
for provider in matches:
    render_contact(provider)

st.header("Abdeckung nach Ländern", anchor=False)
st.markdown("Anzahl der Kontakte je Land und Art (ohne bundesweite Angebote).")
kinds = list(PROVIDER_KINDS)
header = "| Land | " + " | ".join(PROVIDER_KINDS[k] for k in kinds) + " |"
rows = [
    f"| {STATE_NAMES[row.state]} | " + " | ".join(str(row.counts[k]) for k in kinds) + " |"
    for row in state_coverage(content.providers)
]
st.markdown("\n".join([header, "|" + " --- |" * (len(kinds) + 1), *rows]))
st.caption(
    "Kürzel im Befehl `python -m lotse coverage`: "
    + ", ".join(f"{v} = {PROVIDER_KINDS[k]}" for k, v in SHORT_KIND.items())
)
