"""The evaluation harness: scenarios, judges, runner and reports."""
