"""The audit draw equals the Java RunPartition.unit (values printed by the Java implementation)."""
import pytest

from aelle import audit


@pytest.mark.parametrize("run_id, seed, expected", [
    ("smnist-optuna-trial-0", 20261130, 0.054563030560766335),
    ("run-7", 20261130, 0.4876609965906608),
    ("ü-ß", 20261130, 0.1670979169992346),
    ("run-7", -3, 0.8932394891009455),
])
def test_unit_matches_java(run_id, seed, expected):
    assert audit.unit(seed, run_id) == expected


def test_audited_is_unit_below_rate():
    assert audit.audited(20261130, "smnist-optuna-trial-0", 0.1)
    assert not audit.audited(20261130, "run-7", 0.1)
    assert not audit.audited(20261130, "smnist-optuna-trial-0", 0.0)
    assert audit.audited(20261130, "run-7", 1.0)
