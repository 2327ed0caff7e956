"""Streamlit-side helpers shared by the pages (the googlenet package knows nothing of Streamlit)."""
