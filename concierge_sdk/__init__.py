"""A typed Python client for the Concierge API (needs only httpx)."""
