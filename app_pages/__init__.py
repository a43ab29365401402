"""The Streamlit pages of the workbench; each draws widgets and calls `checker`."""
