"""Seeding: the demo hotels of docs/demo-hotel.md and synthetic hotels for benchmarks."""
