"""Lotse: Streamlit entry point. Thin by design: decisions live in lotse/, views in ui/ and pages/."""

import streamlit as st

from ui.chrome import safety_bar

st.set_page_config(
    page_title="Lotse: Wegweiser bei Hass und Bedrohung",
    page_icon="assets/favicon.png",
    layout="centered",
    initial_sidebar_state="auto",
)

pages = [
    st.Page("pages/guide.py", title="Wegweiser", icon=":material/explore:", default=True),
    st.Page("pages/advisor.py", title="Beratung", icon=":material/support_agent:", url_path="beratung"),
    st.Page("pages/contacts.py", title="Ansprechstellen", icon=":material/contacts:", url_path="kontakte"),
    st.Page("pages/about.py", title="Über Lotse und Datenschutz", icon=":material/lock:", url_path="datenschutz"),
    st.Page("pages/training.py", title="Training", icon=":material/school:", url_path="training"),
]
navigation = st.navigation(pages)
safety_bar()
navigation.run()
