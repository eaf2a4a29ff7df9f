"""Fixed-rate HTTP load from its own process: `python -m tests.bench.load URL --rate R`.

Requests are started on a fixed schedule (open model), not when the previous one ends,
so a slow server shows up as latency instead of quietly lowering the offered load.
Latency is measured from each request's scheduled start (no coordinated omission).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

import httpx


async def run(url: str, rate: float, seconds: float, headers: dict[str, str]) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=10) as client:

        async def one(scheduled: float) -> None:
            nonlocal errors
            try:
                response = await client.get(url)
                if response.status_code != 200:
                    errors += 1
                    return
            except httpx.HTTPError:
                errors += 1
                return
            latencies.append(time.perf_counter() - scheduled)

        start = time.perf_counter()
        total = int(rate * seconds)
        tasks = []
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "offered_rps": rate,
        "achieved_rps": len(latencies) / elapsed,
        "ok": len(latencies),
        "errors": errors,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    print(json.dumps(asyncio.run(run(args.url, args.rate, args.seconds, headers))))


if __name__ == "__main__":
    main()
