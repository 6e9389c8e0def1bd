"""Persistence: SQLAlchemy models, engine and sessions, Alembic migrations, backup.

Nothing here imports Qt or app/: the layers point one way (ui → app → db).
"""
