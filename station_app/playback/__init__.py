"""Playback: the stream session's policy over a thin audio backend, and the player widgets.

`base` is the Player interface the window, MPRIS and the schedule talk to;
`session` holds the policy (which stream, failover, backoff, start and stall
timeouts, retryable or permanent) over `backend`, whose one implementation is
`vlc_backend` (the only module that imports vlc); `early` starts libVLC before
Qt loads. `resolve` (with station_app.streams) turns a configured address
into what to open and says why one fails; `stream_repair` asks the directory
for a dead station's stream; `state` and `problems` are what a person is
told. `sleep_timer` stops playback after a while, fading out; `played_titles`
keeps the titles the stations sent (with `played_titles_model` for a view).
`fake` and `unavailable` are Players for the UI's tests and for a machine
without libVLC. `ui/` holds the player bar, the station list, the sleep timer's
menu and button, and the Played titles window.
"""
