"""Tool modules, one per area of the hotel."""
