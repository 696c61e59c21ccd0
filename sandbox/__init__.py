"""Reference municipal API: demo, operator training and the tests' real server.

FastAPI over SQLite. Never imports desktop, client_api, printing or Qt: it is the other side of the wire.
"""
