"""Shared network infrastructure: the one fetcher and its disk cache.

`fetcher` (timeouts, size caps, retries, the cache, the private-network rule of
`reach`) over `guarded_http` (deadlines and cancelling that cut the socket);
`results` are the values a fetch returns, each error a sentence; `cancel` is
the token a background task checks; `web_address` is the one test for an
http(s) address. Free of Qt.
"""
