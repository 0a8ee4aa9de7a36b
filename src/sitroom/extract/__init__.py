"""Incident extraction: find, type and fill incidents and claims in a news report."""
