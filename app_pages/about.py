"""About Lotse, privacy and accessibility. The words are in texts/de.yaml (`about`)."""

from __future__ import annotations

import streamlit as st

from lotse.content.texts import fill
from ui.content import get_content

content = get_content()
words = content.texts.about

st.title(words.title, anchor=False)
st.markdown(words.text)
st.markdown(fill(words.reviewed, date=f"{content.last_reviewed:%d.%m.%Y}"))
st.markdown(words.accessibility)
