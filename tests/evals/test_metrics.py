"""pass^k and percentiles, checked against hand-computed values."""

from __future__ import annotations

import pytest

from evals.metrics import p50, p95, pass_hat_k, percentile


def test_pass_hat_1_is_the_mean_success_rate() -> None:
    # 3/4 and 1/4 -> mean 0.5
    assert pass_hat_k([(4, 3), (4, 1)], 1) == pytest.approx(0.5)


def test_pass_hat_k_hand_computed() -> None:
    # C(3,2)/C(4,2) = 3/6 = 0.5; C(1,2)/C(4,2) = 0; C(4,2)/C(4,2) = 1 -> mean 0.5
    assert pass_hat_k([(4, 3), (4, 1), (4, 4)], 2) == pytest.approx(0.5)
    # C(4,4)/C(5,4) = 1/5; C(5,4)/C(5,4) = 1 -> 0.6
    assert pass_hat_k([(5, 4), (5, 5)], 4) == pytest.approx(0.6)
    # pass^n: only scenarios that passed every trial count
    assert pass_hat_k([(3, 3), (3, 2), (3, 0), (3, 3)], 3) == pytest.approx(0.5)


def test_pass_hat_edge_cases() -> None:
    assert pass_hat_k([], 1) == 0.0
    assert pass_hat_k([(1, 1)], 1) == 1.0
    with pytest.raises(ValueError):
        pass_hat_k([(2, 1)], 3)
    with pytest.raises(ValueError):
        pass_hat_k([(2, 3)], 1)
    with pytest.raises(ValueError):
        pass_hat_k([(2, 1)], 0)


def test_percentiles() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert p50(values) == 3.0
    assert p95(values) == pytest.approx(4.8)
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 5.0
    assert p50([]) == 0.0
    assert p50([7.0]) == 7.0
    assert p50([1.0, 2.0]) == 1.5
