#!/usr/bin/env python3
"""Regenerate the demo's sample CRM dataset (demo/data/*.csv). Deterministic: a fixed seed and
no dependencies, so the committed CSVs are reproducible with `python3 demo/generate_data.py`.

Tables: customers (segment, signed-up and churned dates (a monthly churn chance of each
customer's own, as the sBG model has it), MRR now and a year ago, health score,
reference flag, the customer who referred it), survey_responses (0-10 NPS answers), tickets (timestamps, contacts, CSAT 1-5 and
CES 1-7 answers), orders (for CLV and the BG/NBD and
Gamma-Gamma models: a purchase rate and a chance of buying no more after each order, each
customer's own), leads (for conversion) and subscriptions (for MRR movements:
plan upgrades and downgrades, add-ons, free trials, cancellations and win-backs)."""
import csv
import datetime as dt
import os
import random

rng = random.Random(20260101)
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
segments = [("smb", 0.55, 49), ("mid-market", 0.30, 390), ("enterprise", 0.15, 2900)]
start = dt.date(2025, 1, 1)
days = 365


end_of_year = dt.date(2025, 12, 31)


def add_months(d, n):
    """The day n calendar months after d (the month's last day when d's day is past it)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def write(name, header, rows):
    with open(os.path.join(here, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


customers = []
for cid in range(1, 301):
    r, acc = rng.random(), 0.0
    for name, share, base_mrr in segments:
        acc += share
        if r <= acc:
            break
    signed = start - dt.timedelta(days=rng.randrange(0, 400))
    # a monthly chance of not renewing of the customer's own (Beta across customers, as the sBG
    # model has it): one who leaves in month m (after m - 1 renewals) churns within that month
    churn_chance = rng.betavariate(*{"smb": (0.5, 5.0), "mid-market": (0.5, 8.0), "enterprise": (0.5, 14.0)}[name])
    churned, month = None, 1
    while churned is None and add_months(signed, month - 1) <= end_of_year:
        if rng.random() < churn_chance:
            left = add_months(signed, month - 1) + dt.timedelta(days=rng.randrange(1, 28))
            churned = left if left <= end_of_year else None
            break
        month += 1
    mrr = round(base_mrr * rng.uniform(0.6, 1.8), 2)
    mrr_before = round(mrr * rng.choice([1.0, 1.0, 0.8, 0.9, 1.1, 0.7]), 2)
    health = max(0, min(100, int(rng.gauss(62, 20)) - (25 if churned else 0)))
    reference = None if rng.random() < 0.2 else rng.random() < 0.25
    customers.append((cid, f"Customer {cid:03d}", name, signed, churned, mrr, mrr_before, health, reference))


def alive(c, day):
    return c[3] <= day and (c[4] is None or day <= c[4])


def score_for(segment, day):
    # enterprise improves over the year, smb dips mid-year after a price change
    month = day.month
    mood = {"enterprise": -1.2 + 0.25 * month, "smb": 0.6 - (1.6 if 5 <= month <= 8 else 0.0)}.get(segment, 0.3)
    return max(0, min(10, round(rng.gauss(7.6 + mood, 2.0))))


responses, tickets, orders = [], [], []
for c in customers:
    cid, segment = c[0], c[2]
    for _ in range(rng.randrange(3, 12)):
        day = start + dt.timedelta(days=rng.randrange(0, days))
        if not alive(c, day):
            continue
        score = None if rng.random() < 0.04 else score_for(segment, day)
        at = dt.datetime.combine(day, dt.time(rng.randrange(8, 20), rng.randrange(0, 60)))
        responses.append([cid, at.isoformat() + "+00", score])
    for _ in range(rng.randrange(1, 9)):
        day = start + dt.timedelta(days=rng.randrange(0, days))
        if not alive(c, day):
            continue
        opened = dt.datetime.combine(day, dt.time(rng.randrange(0, 24), rng.randrange(0, 60)))
        channel = rng.choice(["email", "chat", "phone"])
        reply_minutes = {"chat": 4, "phone": 1, "email": 300}[channel] * rng.uniform(0.2, 3.0)
        replied = (opened + dt.timedelta(minutes=reply_minutes)).replace(microsecond=0)
        contacts = 1 + int(rng.expovariate(1.3))
        resolved = (replied + dt.timedelta(hours=rng.uniform(0.1, 30) * contacts)).replace(microsecond=0)
        open_now = day > dt.date(2025, 12, 24) and rng.random() < 0.5
        rating = None if open_now or rng.random() < 0.35 else max(1, min(5, round(rng.gauss(4.6 - 0.5 * contacts, 0.9))))
        effort = None if rating is None else max(1, min(7, round(rng.gauss(6.2 - 0.8 * contacts, 1.1))))
        tickets.append([cid, channel, opened.isoformat() + "+00",
                        replied.isoformat() + "+00" if not (open_now and rng.random() < 0.3) else "",
                        "" if open_now else resolved.isoformat() + "+00",
                        "" if open_now else contacts, rating, effort])
    # orders as the BG/NBD model has them: a purchase rate of the customer's own (Gamma across
    # customers), and after each order a chance of buying no more (Beta); a basket of their own
    first = max(c[3], start - dt.timedelta(days=730))
    last = c[4] or end_of_year
    basket = {"smb": 60, "mid-market": 450, "enterprise": 3200}[segment] * rng.uniform(0.6, 1.5)
    rate, done = rng.gammavariate(1.5, 1 / 60), rng.betavariate(1.0, 5.0)
    day = first
    while day <= last:
        orders.append([cid, day.isoformat(), round(basket * rng.uniform(0.5, 1.6), 2)])
        if rng.random() < done:
            break
        day += dt.timedelta(days=1 + int(rng.expovariate(rate)))

leads = []
for lid in range(1, 1201):
    source = rng.choice(["organic", "paid", "referral", "event"])
    created = start + dt.timedelta(days=rng.randrange(0, days))
    p = {"organic": 0.12, "paid": 0.06, "referral": 0.30, "event": 0.09}[source]
    converted = None if created > dt.date(2025, 12, 15) else rng.random() < p
    leads.append([lid, source, created.isoformat(), converted])

# Subscriptions, from their own generator so the tables above stay as they were: one row per
# subscription (or add-on), plan changes ending one subscription and starting the next.
srng = random.Random(20260102)
subscriptions = []
for c in customers:
    cid, segment, signed, churned, mrr_now, mrr_before = c[0], c[2], c[3], c[4], c[5], c[6]
    if srng.random() < 0.15:  # a free trial before signing up
        subscriptions.append([cid, "trial", 0, signed - dt.timedelta(days=14), signed])
    plan_mrr, begin = mrr_before, signed
    if churned is None and srng.random() < 0.25:  # on the free plan until it converts, in 2025
        begin = start + dt.timedelta(days=srng.randrange(0, 330))
        subscriptions.append([cid, "free", 0, signed, begin])
    if srng.random() < 0.45 and (churned is None or churned > start + dt.timedelta(days=60)):
        change = start + dt.timedelta(days=srng.randrange(0, ((churned or end_of_year) - start).days))
        if change > begin:
            subscriptions.append([cid, "plan", plan_mrr, begin, change])
            factor = srng.choice([1.25, 1.5, 1.6, 0.6, 0.75, 0.85])
            plan_mrr, begin = round(plan_mrr * factor, 2), change
    subscriptions.append([cid, "plan", plan_mrr, begin, churned])
    if churned is not None and srng.random() < 0.3:  # won back
        back = churned + dt.timedelta(days=srng.randrange(20, 120))
        if back < end_of_year:
            subscriptions.append([cid, "plan", round(plan_mrr * srng.choice([0.8, 1.0]), 2), back, None])
    if srng.random() < 0.15:  # an add-on beside the plan
        on = start + dt.timedelta(days=srng.randrange(0, 300))
        off = on + dt.timedelta(days=srng.randrange(30, 200)) if srng.random() < 0.4 else None
        if on > signed and (churned is None or on < churned):
            subscriptions.append([cid, "add-on", srng.choice([19, 49, 99]), on, min(d for d in (off, churned) if d) if off or churned else None])

# who referred whom (its own generator, so the other tables do not change): a customer signed up
# after another active one was referred by it with chance 0.2, by a reference customer twice as
# often as by another
rrng = random.Random(20261206)
referred_by = {}
for c in sorted(customers, key=lambda c: (c[3], c[0])):
    earlier = [o for o in customers if o[3] < c[3] and alive(o, c[3])]
    if earlier and rrng.random() < 0.2:
        weights = [2.0 if o[8] else 1.0 for o in earlier]
        referred_by[c[0]] = rrng.choices(earlier, weights)[0][0]

responses.sort(key=lambda r: r[1])
tickets.sort(key=lambda t: t[2])
orders.sort(key=lambda o: (o[1], o[0]))

b = lambda x: "" if x is None else ("true" if x else "false")  # noqa: E731
write("customers.csv", ["customer_id", "name", "segment", "signed_up_on", "churned_on", "mrr",
                        "mrr_a_year_ago", "health_score", "is_reference", "referred_by"],
      [[c[0], c[1], c[2], c[3].isoformat(), c[4].isoformat() if c[4] else "", c[5], c[6], c[7], b(c[8]),
        referred_by.get(c[0], "")]
       for c in customers])
write("survey_responses.csv", ["response_id", "customer_id", "answered_at", "score"],
      [[i + 1, r[0], r[1], "" if r[2] is None else r[2]] for i, r in enumerate(responses)])
write("tickets.csv", ["ticket_id", "customer_id", "channel", "opened_at", "first_reply_at", "resolved_at",
                      "contacts", "csat_rating", "ces_score"],
      [[i + 1] + t[:6] + ["" if t[6] is None else t[6], "" if t[7] is None else t[7]] for i, t in enumerate(tickets)])
write("orders.csv", ["order_id", "customer_id", "ordered_on", "amount"], [[i + 1] + o for i, o in enumerate(orders)])
write("leads.csv", ["lead_id", "source", "created_on", "converted"], [l[:3] + [b(l[3])] for l in leads])
write("subscriptions.csv", ["subscription_id", "customer_id", "plan", "mrr", "started_on", "ended_on"],
      [[i + 1, x[0], x[1], x[2], x[3].isoformat(), x[4].isoformat() if x[4] else ""] for i, x in enumerate(subscriptions)])
print(f"{len(subscriptions)} subscriptions, {len(customers)} customers, {len(responses)} survey responses, {len(tickets)} tickets, "
      f"{len(orders)} orders, {len(leads)} leads")
