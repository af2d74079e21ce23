"""Prometheus metrics of one API process, on a registry of its own (tests build many apps)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from api.shared import SharedHealth
from pms.night_audit.schedule import AuditRun

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "concierge_http_requests",
            "HTTP requests answered, by route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "concierge_http_request_seconds",
            "Time to answer an HTTP request (streams: until the stream ends).",
            ["route"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.turns = Counter(
            "concierge_chat_turns",
            "Conversation turns the agent answered, by role and channel.",
            ["role", "channel"],
            registry=self.registry,
        )
        self.tool_calls = Counter(
            "concierge_tool_calls",
            "Tool calls made in conversations and through the REST catalogue, by outcome.",
            ["tool", "outcome"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "concierge_rate_limited",
            "Requests refused with 429, by scope.",
            ["scope"],
            registry=self.registry,
        )

        self.night_audits = Counter(
            "concierge_night_audit_runs",
            "Business dates the night-audit scheduler of this process closed, by hotel.",
            ["hotel"],
            registry=self.registry,
        )
        self.night_audit_failures = Counter(
            "concierge_night_audit_failures",
            "Night audits that failed here (retried at the next tick), by hotel ('*': none "
            "could be read).",
            ["hotel"],
            registry=self.registry,
        )
        self.night_audit_caught_up = Counter(
            "concierge_night_audit_days_caught_up",
            "Business dates closed late, after downtime: older than the one due, by hotel.",
            ["hotel"],
            registry=self.registry,
        )

    def observe_night_audit(self, run: AuditRun) -> None:
        """Count one run the scheduler reports (its `on_run`)."""
        if not run.ok:
            self.night_audit_failures.labels(run.hotel).inc()
            return
        self.night_audits.labels(run.hotel).inc()
        if run.caught_up:
            self.night_audit_caught_up.labels(run.hotel).inc()

    def watch_shared(self, health: SharedHealth) -> None:
        """Export whether Redis answers, as this process sees it (read at each scrape)."""
        self.registry.register(_SharedHealthCollector(health))

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _SharedHealthCollector(Collector):
    def __init__(self, health: SharedHealth) -> None:
        self.health = health

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "concierge_shared_state_degraded",
            "1 while Redis does not answer and this process counts limits on its own.",
            value=1 if self.health.degraded else 0,
        )
        yield CounterMetricFamily(
            "concierge_shared_state_outages",
            "Times Redis stopped answering, as this process saw it.",
            value=self.health.outages,
        )
        yield CounterMetricFamily(
            "concierge_shared_state_fallbacks",
            "Operations this process served on its own because Redis did not answer.",
            value=self.health.fallbacks,
        )
