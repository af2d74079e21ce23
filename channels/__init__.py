"""Chat platforms staff already use: Slack and Microsoft Teams, mapped to staff accounts."""
