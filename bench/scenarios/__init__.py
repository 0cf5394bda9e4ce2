"""One module per scenario; each returns :class:`bench.measure.Result` objects."""
