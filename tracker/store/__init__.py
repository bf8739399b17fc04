"""Storage: configuration of the event-sourcing library's SQLite and PostgreSQL recorders."""
