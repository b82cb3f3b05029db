"""Playback: the Player interface, its state types, and the libVLC backend."""
