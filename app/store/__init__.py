"""The local record: SQLAlchemy models, the SQLite/PostgreSQL engine, Alembic migrations."""
