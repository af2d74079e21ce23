"""The HTTP service: identity, conversations, approvals, the tool catalogue, operations."""
