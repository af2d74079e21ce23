"""Retrieval over each hotel's own documents: ingest, chunk by heading, embed, hybrid search."""
