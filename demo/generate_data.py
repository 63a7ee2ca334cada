#!/usr/bin/env python3
"""Regenerate the demo's sample CRM dataset (demo/data/*.csv). Deterministic: a fixed seed and
no dependencies, so the committed CSVs are reproducible with `python3 demo/generate_data.py`."""
import csv
import datetime as dt
import os
import random

rng = random.Random(20260101)
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
segments = [("smb", 0.55, 49), ("mid-market", 0.30, 390), ("enterprise", 0.15, 2900)]
start = dt.date(2025, 1, 1)
days = 365

customers = []
for cid in range(1, 301):
    r, acc = rng.random(), 0.0
    for name, share, base_mrr in segments:
        acc += share
        if r <= acc:
            break
    signed = start - dt.timedelta(days=rng.randrange(0, 400))
    churned = None
    if rng.random() < {"smb": 0.30, "mid-market": 0.15, "enterprise": 0.07}[name]:
        churned = start + dt.timedelta(days=rng.randrange(30, days))
    mrr = round(base_mrr * rng.uniform(0.6, 1.8), 2)
    customers.append((cid, f"Customer {cid:03d}", name, signed, churned, mrr))

# Survey answers: enterprise improves over the year, smb dips mid-year after a price change.
def score_for(segment, day):
    month = day.month
    if segment == "enterprise":
        mood = -1.2 + 0.25 * month
    elif segment == "smb":
        mood = 0.6 - (1.6 if 5 <= month <= 8 else 0.0)
    else:
        mood = 0.3
    x = rng.gauss(7.6 + mood, 2.0)
    return max(0, min(10, round(x)))

responses = []
rid = 0
for cid, _, segment, signed, churned, _ in customers:
    for _ in range(rng.randrange(3, 12)):
        day = start + dt.timedelta(days=rng.randrange(0, days))
        if day < signed or (churned and day > churned):
            continue
        rid += 1
        score = None if rng.random() < 0.04 else score_for(segment, day)
        at = dt.datetime.combine(day, dt.time(rng.randrange(8, 20), rng.randrange(0, 60)))
        responses.append((rid, cid, at.isoformat() + "+00", score))
responses.sort(key=lambda r: (r[2], r[0]))

with open(os.path.join(here, "customers.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["customer_id", "name", "segment", "signed_up_on", "churned_on", "mrr"])
    for c in customers:
        w.writerow([c[0], c[1], c[2], c[3].isoformat(), c[4].isoformat() if c[4] else "", c[5]])
with open(os.path.join(here, "survey_responses.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["response_id", "customer_id", "answered_at", "score"])
    for r in responses:
        w.writerow([r[0], r[1], r[2], "" if r[3] is None else r[3]])
print(f"{len(customers)} customers, {len(responses)} survey responses")
