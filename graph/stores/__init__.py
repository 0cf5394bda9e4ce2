"""Store backends, each owning its query language; loaded lazily by graph.store.open_store."""
