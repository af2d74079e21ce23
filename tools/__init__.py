"""The tool catalogue: thin adapters from the tool contract to the PMS services."""
