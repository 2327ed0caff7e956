"""The floor: a one-widget Streamlit page. benchmarks/pages.py serves it beside the app in the same run,
so every page time can be given as a ratio to what Streamlit itself needs on this machine."""
import streamlit as st

value = st.slider("A number", 0, 100, 50)
st.write(f"You chose {value}.")
