"""The news: feeds, articles, extraction and sanitizing, and the view models the panel shows.

Core (no widgets): `feeds` parses RSS/Atom into articles (with `feed_xml`
repairing broken XML and `feed_text` cleaning text); `refresh` fetches or
discovers every feed in one background task; `article_*` fetch a story's page
and extract it, `html_sanitize` keeps only safe markup. View models:
`headlines` (which articles, how fresh, refreshed on a timer), `list_model`
(the rows), `images` (pictures loaded in the background), `reader_model`
(the story being read), `status` and `time_text` (what the panel says).
`ui/` holds the widgets, which get these view models, never the fetcher or
the task runner; app.py builds and wires them.
"""
