"""Config files as shared infrastructure: schema and checks, reading, atomic writing.

`schema` and `checks` validate a TOML document against a declared schema,
with file, line and key in every problem (`problems`, `toml_lines`);
`toml_file` and `regular_file` read only regular files of sane size;
`atomic` writes (temp file, fsync, rename). `settings` declares
settings.toml and `settings_editing` writes the changes made in Preferences
(the SettingsStore that owns the settings in force is station_app.settings_store,
a Qt object); `state` remembers volume, station and window apart from config.
Free of Qt; knows no feature.
"""
