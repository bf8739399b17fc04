"""Hardening tests: concurrent writers, crashes mid-write, and a store that fails."""
