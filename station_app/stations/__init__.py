"""The station config: what the app listens to, and every change to it.

`model` holds the values (Network, Feed, Station, WeeklyProgram,
StationsConfig), free of TOML; `stations_file` reads stations.toml against its
declared schema and picks the user's file or the bundled one; `store` is the
one owner of the config in force: edits (`editing`, `edit_document`: tomlkit,
atomic, a .bak kept) go through it and it emits `changed`, which the player,
the schedule, the news and MPRIS follow. Finding stations: `directory*`
(radio-browser.info search, matching and results), `site_discovery`,
`feed_discovery` and `site_check` (what a station's website names: streams,
schedule, feeds).
`adding` is the Add station dialog's view models; `ui/` its widgets and the
station menu.
"""
