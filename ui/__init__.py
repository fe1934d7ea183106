"""Streamlit helpers shared by app.py and pages/. The decision logic lives in lotse/, not here."""
