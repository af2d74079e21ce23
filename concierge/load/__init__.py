"""`concierge bench api`: per-turn latency of POST /v1/chat under concurrent guests (locust)."""
