"""The content fetcher and pure parsers (feeds, articles, schedules, playlists)."""
