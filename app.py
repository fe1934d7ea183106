"""Lotse: Streamlit entry point. Thin by design: decisions live in lotse/, views in ui/ and app_pages/.

Not "pages/": Streamlit treats a folder of that name as an old-style page list and runs a page without
app.py (without the 110 bar) in the first run of a server and in every AppTest rerun.
"""

import streamlit as st

from lotse.content.expressions import remembering_verdicts
from ui.chrome import PAGE_ICON, safety_bar
from ui.content import get_texts
from ui.download import courier
from ui.guide import marker
from ui.reconnect import arrived_without_its_state, connection_lost_page
from ui.session import once

texts = get_texts()
titles = texts.app.pages
st.set_page_config(
    page_title=texts.app.page_title,
    page_icon=PAGE_ICON,
    layout="centered",
    initial_sidebar_state="auto",
)
lost = arrived_without_its_state()  # before any widget: a browser whose server process died (ui/reconnect.py)


def make_pages() -> list[st.Page]:
    return [
        st.Page("app_pages/guide.py", title=titles["guide"], icon=":material/explore:", default=True),
        st.Page("app_pages/advisor.py", title=titles["advisor"], icon=":material/support_agent:", url_path="beratung"),
        st.Page("app_pages/case.py", title=titles["case"], icon=":material/folder_shared:", url_path="mein-fall"),
        st.Page("app_pages/safety.py", title=titles["safety"], icon=":material/shield:", url_path="sicherheits-check"),
        st.Page("app_pages/contacts.py", title=titles["contacts"], icon=":material/contacts:", url_path="kontakte"),
        st.Page("app_pages/about.py", title=titles["about"], icon=":material/lock:", url_path="datenschutz"),
        st.Page("app_pages/training.py", title=titles["training"], icon=":material/school:", url_path="training"),
    ]


# The pages once per session (as long as the texts stay): making them cost a path lookup each per run.
pages = once("pages", texts, None, make_pages)

navigation = st.navigation(pages)
safety_bar(texts, None if lost or navigation is not pages[0] else marker())  # the wizard's screen marker too
if lost:
    connection_lost_page(texts)
else:
    with remembering_verdicts(st.session_state.setdefault("verdicts", {})):  # this session's own, never shared
        navigation.run()
courier()
