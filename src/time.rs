//! Dates and timestamps as PostgreSQL stores them (`i64` counts since 2000-01-01), displayed in
//! PostgreSQL's ISO style (timestamptz in UTC; `0099-01-01 BC` before year 1) for messages and
//! the summaries' text forms, and parsed back from that text. Pure Rust.

use std::fmt;

/// A date or time type, held as an `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `date`: days since 2000-01-01 (`i32`).
    Date,
    /// `timestamp`: microseconds since 2000-01-01 00:00 (`i64`).
    Timestamp,
    /// `timestamptz`: microseconds since 2000-01-01 00:00 UTC (`i64`).
    Timestamptz,
}

/// Microseconds in a day.
const DAY_US: i64 = 86_400_000_000;
/// The first valid date, 4714-11-24 BC (Julian day 0), in days since 2000-01-01
/// (`DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE`).
pub const MIN_DATE: i64 = -2_451_545;
/// One past the last valid date, 5874898-01-01 (`DATE_END_JULIAN - POSTGRES_EPOCH_JDATE`).
pub const END_DATE: i64 = 2_147_483_494 - 2_451_545;
/// The first valid timestamp, 4714-11-24 00:00:00 BC (`MIN_TIMESTAMP`).
pub const MIN_TIMESTAMP: i64 = -211_813_488_000_000_000;
/// One past the last valid timestamp, 294277-01-01 00:00:00 (`END_TIMESTAMP`).
pub const END_TIMESTAMP: i64 = 9_223_371_331_200_000_000;

impl Kind {
    /// Bytes of one value in a datum.
    pub fn width(self) -> usize {
        match self {
            Kind::Date => 4,
            Kind::Timestamp | Kind::Timestamptz => 8,
        }
    }

    /// The value of a by-value datum's bits.
    #[inline(always)]
    pub fn value(self, bits: usize) -> i64 {
        match self {
            Kind::Date => i64::from(bits as i32),
            Kind::Timestamp | Kind::Timestamptz => bits as i64,
        }
    }

    /// Is `v` PostgreSQL's `infinity` or `-infinity` of this type?
    pub fn infinite(self, v: i64) -> bool {
        match self {
            Kind::Date => v == i64::from(i32::MAX) || v == i64::from(i32::MIN),
            Kind::Timestamp | Kind::Timestamptz => v == i64::MAX || v == i64::MIN,
        }
    }

    /// Is `v` a finite value PostgreSQL accepts for this type (4714-11-24 BC to 5874897-12-31
    /// for dates, to 294276-12-31 23:59:59.999999 for timestamps)?
    pub fn valid(self, v: i64) -> bool {
        match self {
            Kind::Date => (MIN_DATE..END_DATE).contains(&v),
            Kind::Timestamp | Kind::Timestamptz => (MIN_TIMESTAMP..END_TIMESTAMP).contains(&v),
        }
    }
}

/// A moment of a [`Kind`], displayed as PostgreSQL does in ISO style (timestamps in UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub Kind, pub i64);

pub fn civil(days_since_2000: i64) -> (i64, i64, i64) {
    // Howard Hinnant's days-to-civil, shifted from 1970-01-01 to 2000-01-01.
    let z = days_since_2000 + 10_957 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl fmt::Display for Moment {
    /// PostgreSQL's ISO output: `2025-01-31`, `2025-01-31 10:00:00.5+00`, `0099-01-01 BC`
    /// (astronomical year 0 is 1 BC), `infinity`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Moment(kind, v) = *self;
        if kind.infinite(v) {
            return f.write_str(if v > 0 { "infinity" } else { "-infinity" });
        }
        let (days, micros) = match kind {
            Kind::Date => (v, None),
            Kind::Timestamp | Kind::Timestamptz => {
                (v.div_euclid(DAY_US), Some(v.rem_euclid(DAY_US)))
            }
        };
        let (y, m, d) = civil(days);
        let bc = y <= 0;
        write!(f, "{:04}-{m:02}-{d:02}", if bc { 1 - y } else { y })?;
        if let Some(us) = micros {
            let s = us / 1_000_000;
            write!(f, " {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)?;
            if us % 1_000_000 != 0 {
                let frac = format!("{:06}", us % 1_000_000);
                write!(f, ".{}", frac.trim_end_matches('0'))?;
            }
            if kind == Kind::Timestamptz {
                f.write_str("+00")?;
            }
        }
        if bc {
            f.write_str(" BC")?;
        }
        Ok(())
    }
}

/// Days since 2000-01-01 of a proleptic Gregorian date (the inverse of [`civil`]).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m - 3) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 - 10_957
}

/// Parse what [`Moment`] displays: `YYYY-MM-DD` (a date) or `YYYY-MM-DD HH:MM:SS[.ffffff]+00`
/// (a timestamptz, UTC), either followed by ` BC` for years before 1. Also read: the form 0.1.0
/// printed for those years, the astronomical year with a sign (`-099-01-01` is 100 BC, `0000` is
/// 1 BC). A value outside PostgreSQL's range for its type, or anything else, is `None`.
pub fn parse_moment(text: &str) -> Option<Moment> {
    let num = |s: &str, max_len: usize| -> Option<i64> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (text, bc) = match text.strip_suffix(" BC") {
        Some(t) => (t, true),
        None => (text, false),
    };
    let (date, time) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t.strip_suffix("+00")?)),
        None => (text, None),
    };
    let (signed, date) = match date.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let mut ymd = date.split('-');
    let year = ymd.next()?;
    let (y, m, d) = (num(year, 7)?, num(ymd.next()?, 2)?, num(ymd.next()?, 2)?);
    // 4 digits at least ({:04}); 0.1.0's signed years have 3 after the sign (`-099`)
    let short_year = year.len() < if signed { 3 } else { 4 };
    if ymd.next().is_some() || short_year || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = match (signed, bc) {
        (true, true) => return None,
        (false, true) if y == 0 => return None,
        (false, true) => 1 - y,
        (true, false) => -y,
        (false, false) => y,
    };
    let days = days_from_civil(y, m, d);
    if civil(days) != (y, m, d) {
        return None; // 2025-02-30
    }
    let Some(time) = time else {
        return Kind::Date.valid(days).then_some(Moment(Kind::Date, days));
    };
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':');
    let (h, mi, s) = (
        num(parts.next()?, 2)?,
        num(parts.next()?, 2)?,
        num(parts.next()?, 2)?,
    );
    if parts.next().is_some() || h > 23 || mi > 59 || s > 59 || frac.len() > 6 {
        return None;
    }
    let micros = if frac.is_empty() {
        0
    } else {
        num(frac, 6)? * 10i64.pow(6 - frac.len() as u32)
    };
    let v = days
        .checked_mul(DAY_US)?
        .checked_add(((h * 60 + mi) * 60 + s) * 1_000_000 + micros)?;
    Kind::Timestamptz
        .valid(v)
        .then_some(Moment(Kind::Timestamptz, v))
}

/// A calendar period for [`whole_periods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    pub fn parse(kpi: &str, text: &str) -> Result<Self, crate::error::KpiError> {
        match text {
            "day" => Ok(Unit::Day),
            "week" => Ok(Unit::Week),
            "month" => Ok(Unit::Month),
            "quarter" => Ok(Unit::Quarter),
            "year" => Ok(Unit::Year),
            _ => Err(crate::error::KpiError::InvalidParameter(format!(
                "{kpi} period must be 'day', 'week', 'month', 'quarter' or 'year', got '{text}'"
            ))),
        }
    }
}

/// [`whole_periods`] from one day to many: the start's calendar date is computed once.
pub struct PeriodsFrom {
    from: i64,
    ymd: (i64, i64, i64),
    unit: Unit,
}

impl PeriodsFrom {
    pub fn new(from: i64, unit: Unit) -> Self {
        let ymd = match unit {
            Unit::Day | Unit::Week => (0, 0, 0),
            _ => civil(from),
        };
        PeriodsFrom { from, ymd, unit }
    }

    /// `from`'s calendar date (year, month, day) for months, quarters and years (not computed,
    /// and `(0, 0, 0)`, for days and weeks).
    pub fn from_date(&self) -> (i64, i64, i64) {
        self.ymd
    }

    /// `whole_periods(from, to, unit)` (`from <= to`).
    #[inline]
    pub fn to(&self, to: i64) -> i64 {
        self.to_date(to, || civil(to))
    }

    /// [`PeriodsFrom::to`] given `to`'s calendar date (asked for months, quarters and years
    /// only): for many starts against one end, the end's date computed once.
    #[inline]
    pub fn to_date(&self, to: i64, date: impl FnOnce() -> (i64, i64, i64)) -> i64 {
        let months = || {
            let ((y1, m1, d1), (y2, m2, d2)) = (self.ymd, date());
            12 * (y2 - y1) + (m2 - m1) - i64::from(d2 < d1)
        };
        match self.unit {
            Unit::Day => to - self.from,
            Unit::Week => (to - self.from) / 7,
            Unit::Month => months(),
            Unit::Quarter => months() / 3,
            Unit::Year => months() / 12,
        }
    }
}

/// The whole periods from day `from` to day `to` (days since 2000-01-01, `from <= to`): days,
/// weeks of 7 days, or calendar months counted as `age()` counts them (a month is whole once the
/// day of the month is reached again, or the month's last day when it has fewer days: 31 January
/// to 28 February is 0 months, to 1 March 1 month), quarters of 3 and years of 12 such months.
/// Never wraps at 12 months, as `extract(month from age(...))` does.
pub fn whole_periods(from: i64, to: i64, unit: Unit) -> i64 {
    PeriodsFrom::new(from, unit).to(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i64, m: i64, d: i64) -> Moment {
        Moment(Kind::Date, days_from_civil(y, m, d))
    }

    #[test]
    fn moments_round_trip_through_text() {
        for m in [
            Moment(Kind::Date, 0),
            Moment(Kind::Date, 9131),
            Moment(Kind::Date, -800),
            Moment(Kind::Date, MIN_DATE),
            Moment(Kind::Date, END_DATE - 1),
            date(-98, 1, 1),
            date(0, 2, 29),
            Moment(Kind::Timestamptz, 90_061_000_001),
            Moment(Kind::Timestamptz, 0),
            Moment(Kind::Timestamptz, MIN_TIMESTAMP),
            Moment(Kind::Timestamptz, END_TIMESTAMP - 1),
            Moment(Kind::Timestamptz, -63_200_000_000_000_500),
        ] {
            assert_eq!(parse_moment(&m.to_string()), Some(m), "{m}");
        }
        for bad in [
            "",
            "2025-13-01",
            "2025-02-30",
            "2025-01-01 10:00",
            "2025-01-01 25:00:00+00",
            "x-y-z",
            "2025-01-01 10:00:00.1234567+00",
            "0000-01-01 BC",
            "-0099-01-01 BC",
            "025-01-01",
            "+2025-01-01",
            "4714-11-23 BC",
            "5874898-01-01",
            "300000-01-01 00:00:00+00",
            "99999999999-01-01",
        ] {
            assert_eq!(parse_moment(bad), None, "{bad}");
        }
        assert_eq!(
            parse_moment("2025-01-01 00:00:00.5+00").map(|m| m.1 % 1_000_000),
            Some(500_000)
        );
    }

    #[test]
    fn bc_in_postgres_style_and_the_old_form_still_reads() {
        assert_eq!(date(-98, 1, 1).to_string(), "0099-01-01 BC");
        assert_eq!(date(0, 12, 31).to_string(), "0001-12-31 BC");
        assert_eq!(date(1, 1, 1).to_string(), "0001-01-01");
        assert_eq!(Moment(Kind::Date, MIN_DATE).to_string(), "4714-11-24 BC");
        assert_eq!(
            Moment(Kind::Date, END_DATE - 1).to_string(),
            "5874897-12-31"
        );
        assert_eq!(
            Moment(Kind::Timestamptz, MIN_TIMESTAMP).to_string(),
            "4714-11-24 00:00:00+00 BC"
        );
        assert_eq!(
            Moment(Kind::Timestamptz, END_TIMESTAMP - 1).to_string(),
            "294276-12-31 23:59:59.999999+00"
        );
        assert_eq!(
            Moment(Kind::Timestamptz, 500_000).to_string(),
            "2000-01-01 00:00:00.5+00"
        );
        // what 0.1.0 printed for these years
        assert_eq!(parse_moment("-099-01-01"), Some(date(-99, 1, 1)));
        assert_eq!(parse_moment("0000-03-01"), Some(date(0, 3, 1)));
        assert_eq!(
            parse_moment("-4713-11-24"),
            Some(Moment(Kind::Date, MIN_DATE))
        );
        assert_eq!(parse_moment("-4713-11-23"), None);
    }
}
