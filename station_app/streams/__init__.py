"""What is behind a stream address: playlists read by their content, and a probe that hears audio.

Shared by playback (what to open, and why a stream failed) and the stations'
website check (which streams a page names really play). Pure parsers and
fetcher calls; free of Qt; knows no feature.
"""
