"""The ``partnergraph`` command line (typer + rich)."""
