"""The composition root: settings, wiring and the `concierge` command line."""
