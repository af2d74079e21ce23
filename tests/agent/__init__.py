"""Tests for the agent."""
