"""Config files as shared infrastructure: schema and checks, reading, atomic writing.

`schema` and `checks` validate a TOML document against a declared schema,
with file, line and key in every problem (`problems`, `toml_lines`);
`toml_file` and `regular_file` read only regular files of sane size;
`atomic` writes (temp file, fsync, rename). `settings` declares
settings.toml; `state` remembers volume, station and window apart from
config. Free of Qt; knows no feature.
"""
