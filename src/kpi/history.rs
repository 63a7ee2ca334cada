//! A customer's purchase history as the customer models read it: `frequency`, `recency`, `age`
//! and `monetary_value` from their orders, as lifetimes' `summary_data_from_transaction_data`
//! builds them. Pure Rust, no pgrx types; SQL in [`super::history_sql`].
//!
//! Orders are counted by calendar period (`'day'`, `'week'` from Monday, `'month'`, `'quarter'`,
//! `'year'`): orders in one period are one purchase, their amounts added. Orders in periods
//! after `as_of`'s are not yet in the data (those in `as_of`'s own period are). Then, over the
//! customer's purchase periods `p_0 < p_1 < ... < p_x`, in periods between indexes:
//! - `frequency` = `x`, the repeat purchases;
//! - `recency` = `p_x - p_0`, `age` = `period(as_of) - p_0`;
//! - `monetary_value` = the mean amount of the repeat purchases (`p_1..p_x`), 0 without any.
//!
//! lifetimes' day and week units are these (a week is pandas' `W-SUN` period, Monday to
//! Sunday); its months are days / 30.44 where these count calendar months.

use crate::time::Unit;

/// The index of the calendar period holding day `d` (days since 2000-01-01): consecutive periods
/// have consecutive indexes.
pub fn period_index(d: i64, unit: Unit) -> i64 {
    let (y, m, _) = crate::time::civil(d);
    match unit {
        Unit::Day => d,
        // 2000-01-01 was a Saturday: 2000-01-03, day 2, a Monday
        Unit::Week => (d - 2).div_euclid(7),
        Unit::Month => y * 12 + m - 1,
        Unit::Quarter => y * 4 + (m - 1) / 3,
        Unit::Year => y,
    }
}

/// A customer's history in periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    pub frequency: i64,
    pub recency: i64,
    pub age: i64,
    pub monetary_value: f64,
}

/// The history of orders `(period index, amount)` as of period `as_of` (orders after it left
/// out); `None` without an order by then. Sorts `orders`.
pub fn summarize(orders: &mut [(i64, f64)], as_of: i64) -> Option<History> {
    // by period, then amount: the sums do not depend on the order rows came in (parallel workers)
    orders.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut periods = orders.iter().filter(|o| o.0 <= as_of).peekable();
    let &(first, _) = *periods.peek()?;
    let (mut frequency, mut last, mut repeat_sum) = (0i64, first, 0.0);
    let mut current: Option<(i64, f64)> = None;
    for &(p, amount) in periods {
        match current {
            Some((cp, ref mut sum)) if cp == p => *sum += amount,
            _ => {
                if let Some((cp, sum)) = current {
                    if cp != first {
                        repeat_sum += sum;
                    }
                }
                if p != first {
                    frequency += 1;
                }
                current = Some((p, amount));
                last = p;
            }
        }
    }
    if let Some((cp, sum)) = current {
        if cp != first {
            repeat_sum += sum;
        }
    }
    Some(History {
        frequency,
        recency: last - first,
        age: as_of - first,
        monetary_value: if frequency > 0 {
            repeat_sum / frequency as f64
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::days_from_civil;

    #[test]
    fn periods_count_calendar_periods() {
        let day = |y, m, d| days_from_civil(y, m, d);
        // Monday 2024-01-01 to Sunday 2024-01-07 is one week, the next Monday the next
        assert_eq!(
            period_index(day(2024, 1, 1), Unit::Week),
            period_index(day(2024, 1, 7), Unit::Week)
        );
        assert_eq!(
            period_index(day(2024, 1, 8), Unit::Week),
            period_index(day(2024, 1, 7), Unit::Week) + 1
        );
        assert_eq!(
            period_index(day(1999, 12, 31), Unit::Month) + 1,
            period_index(day(2000, 1, 1), Unit::Month)
        );
        assert_eq!(
            period_index(day(2024, 3, 31), Unit::Quarter) + 1,
            period_index(day(2024, 4, 1), Unit::Quarter)
        );
        assert_eq!(period_index(-1, Unit::Day), -1);
    }

    #[test]
    fn history_as_lifetimes_builds_it() {
        // periods 3 (two orders: one purchase of 15), 5, 5, 9, and 12 after as_of
        let mut orders = vec![
            (9, 30.0),
            (3, 10.0),
            (5, 7.0),
            (3, 5.0),
            (12, 100.0),
            (5, 13.0),
        ];
        let h = summarize(&mut orders, 10).unwrap();
        assert_eq!(
            h,
            History {
                frequency: 2,
                recency: 6,
                age: 7,
                monetary_value: 25.0
            }
        );
        let h = summarize(&mut orders, 3).unwrap();
        assert_eq!(
            h,
            History {
                frequency: 0,
                recency: 0,
                age: 0,
                monetary_value: 0.0
            }
        );
        assert_eq!(summarize(&mut orders, 2), None);
        assert_eq!(summarize(&mut [], 2), None);
    }
}
