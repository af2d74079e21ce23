"""Tests for the offline model's understanding layer."""
