"""Persistence tests: the application on real SQLite and PostgreSQL stores."""
