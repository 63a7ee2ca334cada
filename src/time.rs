//! Dates and timestamps as PostgreSQL stores them (`i64` counts since 2000-01-01), displayed in
//! ISO style for error messages (timestamptz in UTC). Pure Rust.

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Moment(kind, v) = *self;
        if kind.infinite(v) {
            return f.write_str(if v > 0 { "infinity" } else { "-infinity" });
        }
        let (days, micros) = match kind {
            Kind::Date => (v, None),
            Kind::Timestamp | Kind::Timestamptz => (
                v.div_euclid(86_400_000_000),
                Some(v.rem_euclid(86_400_000_000)),
            ),
        };
        let (y, m, d) = civil(days);
        write!(f, "{y:04}-{m:02}-{d:02}")?;
        if let Some(us) = micros {
            let s = us / 1_000_000;
            write!(f, " {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)?;
            if us % 1_000_000 != 0 {
                write!(f, ".{:06}", us % 1_000_000)?;
            }
            if kind == Kind::Timestamptz {
                f.write_str("+00")?;
            }
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

/// Parse what [`Moment`] displays: `YYYY-MM-DD` (a date) or `YYYY-MM-DD HH:MM:SS[.ffffff]+00` (a
/// timestamptz, UTC). Anything else is `None`.
pub fn parse_moment(text: &str) -> Option<Moment> {
    let num = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (date, time) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t.strip_suffix("+00")?)),
        None => (text, None),
    };
    let mut ymd = date.split('-');
    let (y, m, d) = (num(ymd.next()?)?, num(ymd.next()?)?, num(ymd.next()?)?);
    if ymd.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    if civil(days) != (y, m, d) {
        return None; // 2025-02-30
    }
    let Some(time) = time else {
        return Some(Moment(Kind::Date, days));
    };
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':');
    let (h, mi, s) = (
        num(parts.next()?)?,
        num(parts.next()?)?,
        num(parts.next()?)?,
    );
    if parts.next().is_some() || h > 23 || mi > 59 || s > 59 || frac.len() > 6 {
        return None;
    }
    let micros = if frac.is_empty() {
        0
    } else {
        num(frac)? * 10i64.pow(6 - frac.len() as u32)
    };
    Some(Moment(
        Kind::Timestamptz,
        days * 86_400_000_000 + ((h * 60 + mi) * 60 + s) * 1_000_000 + micros,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_round_trip_through_text() {
        for m in [
            Moment(Kind::Date, 0),
            Moment(Kind::Date, 9131),
            Moment(Kind::Date, -800),
            Moment(Kind::Timestamptz, 90_061_000_001),
            Moment(Kind::Timestamptz, 0),
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
        ] {
            assert_eq!(parse_moment(bad), None, "{bad}");
        }
        assert_eq!(
            parse_moment("2025-01-01 00:00:00.5+00").map(|m| m.1 % 1_000_000),
            Some(500_000)
        );
    }
}
