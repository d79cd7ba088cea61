"""Price in US dollars: CPU seconds at a price per CPU-hour. (The search's "cost" is another
thing: a negative log-probability in nats, search/cost.py.)"""

from __future__ import annotations

__all__ = ["DEFAULT_PRICE_PER_CPU_HOUR", "usd_for_cpu_seconds"]

# About the on-demand price of one vCPU of a general-purpose cloud VM: AWS m7i.large
# (2 vCPU) lists at $0.1008/hour in us-east-1, i.e. $0.0504 per vCPU-hour.
DEFAULT_PRICE_PER_CPU_HOUR = 0.05


def usd_for_cpu_seconds(cpu_seconds: float, price_per_cpu_hour: float) -> float:
    """What `cpu_seconds` cost at `price_per_cpu_hour` US dollars."""
    return cpu_seconds / 3600.0 * price_per_cpu_hour
