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
