"""The schedule: On Now, Next Up and the day's programs of the tuned station.

`sources` has the two sources behind one interface: NPR Composer (`composer`
parses its answers) and a weekly list from stations.toml (`weekly`); `times`
reads their clock times in the station's zone, `on_air` picks what is on.
`service` keeps the tuned station's view up to the clock with one timer;
`view` says it in words; `day_model` is one day as a list. `ui/` holds the
strip in the player bar and the day view.
"""
