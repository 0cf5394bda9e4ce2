"""partnergraph's HTTP API: ``create_app(settings)`` builds the FastAPI application.

Run it with ``uvicorn --factory api.app:create_app`` (or ``partnergraph serve``).
"""
