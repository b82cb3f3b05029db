"""The news panel: headlines, their states, and the in-app article reader."""
