//! The state of `cohort_agg(customer_id, [mrr,] started_on, ended_on, as_of, period)`: the
//! group's subscriptions, each with its customer's id bytes, until the final step sorts them by
//! customer and builds the matrices ([`super::cohort::Builder`]): a customer's cohort is known
//! only once all its subscriptions are (a parallel worker sees some of them). Pure Rust, generic
//! over the allocator: the SQL glue allocates in the aggregate's memory context.
//!
//! Memory: 48 bytes a subscription plus the ids' bytes, in the aggregate's memory context (hash
//! aggregation accounts for it); the matrices then take cohorts x offsets.

use super::cohort::{Builder, Matrix, Sub, Unit};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::time::{Kind, Moment};
use allocator_api2::alloc::Allocator;
use allocator_api2::vec::Vec as AVec;

const KPI: &str = "cohort_agg";
const BYTES_VERSION: u8 = 1;
/// `end` of a running subscription.
const RUNNING: i32 = i32::MAX;

/// One subscription: its id's first 8 bytes (big-endian, zero-padded: rows sort by it, the
/// whole id only breaks ties of longer ids), its id's place in the key bytes, its days, its MRR.
#[derive(Clone, Copy)]
struct Row {
    prefix: u64,
    key_at: u32,
    key_len: u32,
    start: i32,
    end: i32,
    mrr: [u64; 2],
    scale: u8,
}

/// What every row of a group shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub unit: Unit,
    pub as_of: i64,
    pub mrr: bool,
}

/// See the module documentation.
pub struct Rows<A: Allocator + Copy> {
    pub setting: Option<Setting>,
    keys: AVec<u8, A>,
    rows: AVec<Row, A>,
}

fn unit_code(u: Unit) -> u8 {
    match u {
        Unit::Day => 0,
        Unit::Week => 1,
        Unit::Month => 2,
        Unit::Quarter => 3,
        Unit::Year => 4,
    }
}

impl<A: Allocator + Copy> Rows<A> {
    pub fn new_in(alloc: A) -> Self {
        Rows {
            setting: None,
            keys: AVec::new_in(alloc),
            rows: AVec::new_in(alloc),
        }
    }

    /// The group's setting: the first row's, and every later row's must be the same.
    pub fn set(&mut self, s: Setting) -> Result<(), KpiError> {
        match self.setting {
            None => {
                self.setting = Some(s);
                Ok(())
            }
            Some(mine) if mine == s => Ok(()),
            Some(mine) => Err(KpiError::InvalidParameter(if mine.as_of != s.as_of {
                format!(
                    "{KPI} as_of must be the same in every row of a group, got {} and {}",
                    Moment(Kind::Date, mine.as_of),
                    Moment(Kind::Date, s.as_of)
                )
            } else {
                format!(
                    "{KPI} period must be the same in every row of a group, got '{}' and '{}'",
                    super::cohort_summary::unit_name(mine.unit),
                    super::cohort_summary::unit_name(s.unit)
                )
            })),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Add a subscription (days; `mrr` `None` for the form without MRR).
    pub fn push(
        &mut self,
        key: &[u8],
        start: i32,
        end: Option<i32>,
        mrr: Option<Scaled>,
    ) -> Result<(), KpiError> {
        let key_at = u32::try_from(self.keys.len())
            .ok()
            .filter(|at| {
                at.checked_add(key.len() as u32).is_some() && key.len() <= u32::MAX as usize
            })
            .ok_or_else(|| KpiError::OutOfRange(format!("{KPI} ids of one group exceed 4 GB")))?;
        self.keys.extend_from_slice(key);
        let m = mrr.unwrap_or(Scaled {
            mantissa: 0,
            scale: 0,
        });
        let mut word = [0u8; 8];
        let n = key.len().min(8);
        word[..n].copy_from_slice(&key[..n]);
        self.rows.push(Row {
            prefix: u64::from_be_bytes(word),
            key_at,
            key_len: key.len() as u32,
            start,
            end: end.unwrap_or(RUNNING),
            mrr: [m.mantissa as u64, (m.mantissa >> 64) as u64],
            scale: m.scale as u8,
        });
        Ok(())
    }

    fn key(&self, r: &Row) -> &[u8] {
        &self.keys[r.key_at as usize..(r.key_at + r.key_len) as usize]
    }

    /// Append another group's rows (a parallel worker's): the settings must agree.
    pub fn merge<B: Allocator + Copy>(&mut self, other: &Rows<B>) -> Result<(), KpiError> {
        if let Some(s) = other.setting {
            self.set(s)?;
        }
        for r in other.rows.iter() {
            let mrr = Scaled {
                mantissa: i128::from(r.mrr[0]) | (i128::from(r.mrr[1] as i64) << 64),
                scale: u32::from(r.scale),
            };
            let end = (r.end != RUNNING).then_some(r.end);
            self.push(other.key(r), r.start, end, Some(mrr))?;
        }
        Ok(())
    }

    /// The rows as bytes (between parallel workers).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(BYTES_VERSION);
        w = match self.setting {
            None => w.u8(u8::MAX),
            Some(s) => w.u8(unit_code(s.unit)).i64(s.as_of).u8(u8::from(s.mrr)),
        };
        w = w.varint(self.rows.len() as u64);
        for r in self.rows.iter() {
            w = w
                .varint(u64::from(r.key_len))
                .bytes(self.key(r))
                .i64(i64::from(r.start))
                .i64(i64::from(r.end))
                .u8(r.scale)
                .i64(r.mrr[0] as i64)
                .i64(r.mrr[1] as i64);
        }
        w.into_vec()
    }

    /// Rows from [`Rows::to_bytes`].
    pub fn from_bytes(bytes: &[u8], alloc: A) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "cohort_agg state", BYTES_VERSION)?;
        let mut rows = Rows::new_in(alloc);
        let units = [
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Quarter,
            Unit::Year,
        ];
        match r.u8()? {
            u8::MAX => {}
            code => {
                let unit = *units
                    .get(usize::from(code))
                    .ok_or_else(|| r.error("bad period"))?;
                let as_of = r.i64()?;
                let mrr = r.u8()? == 1;
                rows.setting = Some(Setting { unit, as_of, mrr });
            }
        }
        for _ in 0..r.varint()? {
            let len = r.varint()? as usize;
            let key = r.slice(len)?;
            let (start, end, scale) = (r.i64()? as i32, r.i64()? as i32, r.u8()?);
            let mrr = i128::from(r.i64()? as u64) | (i128::from(r.i64()?) << 64);
            let end = (end != RUNNING).then_some(end);
            rows.push(
                key,
                start,
                end,
                Some(Scaled {
                    mantissa: mrr,
                    scale: u32::from(scale),
                }),
            )?;
        }
        r.end()?;
        Ok(rows)
    }

    /// The matrices of the rows (empty when every row was skipped; `None` before the first
    /// row's setting). Sorts the rows.
    pub fn matrix(&mut self) -> Result<Option<Matrix>, KpiError> {
        let Some(s) = self.setting else {
            return Ok(None);
        };
        let scale = s.mrr.then(|| {
            self.rows
                .iter()
                .map(|r| u32::from(r.scale))
                .max()
                .unwrap_or(0)
        });
        let keys = &self.keys;
        let key = |r: &Row| &keys[r.key_at as usize..(r.key_at + r.key_len) as usize];
        // ids of at most 8 bytes are told apart by their prefix and length (zero padding), so
        // bigint ids never reach the byte comparison; the order is the ids' byte order either way
        self.rows.sort_unstable_by(|a, b| {
            a.prefix.cmp(&b.prefix).then_with(|| {
                if a.key_len <= 8 && b.key_len <= 8 {
                    a.key_len.cmp(&b.key_len)
                } else {
                    key(a).cmp(key(b))
                }
            })
        });
        let mut builder = Builder::new(s.unit, s.as_of, scale);
        let mut subs: Vec<Sub> = Vec::new();
        let mut i = 0;
        while i < self.rows.len() {
            subs.clear();
            let first = self.rows[i];
            let same = |r: &Row| {
                r.prefix == first.prefix
                    && r.key_len == first.key_len
                    && (r.key_len <= 8 || key(r) == key(&first))
            };
            while i < self.rows.len() && same(&self.rows[i]) {
                let r = &self.rows[i];
                let mut mrr = i128::from(r.mrr[0]) | (i128::from(r.mrr[1] as i64) << 64);
                if let Some(scale) = scale {
                    mrr = 10i128
                        .checked_pow(scale - u32::from(r.scale))
                        .and_then(|f| mrr.checked_mul(f))
                        .ok_or_else(|| {
                            KpiError::OutOfRange(format!(
                                "{KPI} mrr {} does not fit 38 digits at scale {scale}",
                                Scaled {
                                    mantissa: mrr,
                                    scale: u32::from(r.scale)
                                }
                            ))
                        })?;
                }
                subs.push(Sub {
                    start: i64::from(r.start),
                    end: (r.end != RUNNING).then_some(i64::from(r.end)),
                    mrr,
                });
                i += 1;
            }
            builder.add_customer(&mut subs)?;
        }
        builder.finish().map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use allocator_api2::alloc::Global;

    #[test]
    fn ids_group_byte_for_byte_and_rows_travel_as_bytes() {
        let ids: [&[u8]; 8] = [
            b"ab",
            b"ab\0",
            b"",
            b"abcdefgh",
            b"abcdefgh\0",
            b"abcdefghij",
            b"abcdefghik",
            b"\xff",
        ];
        let mut rows = Rows::new_in(Global);
        let setting = Setting {
            unit: Unit::Month,
            as_of: 9000,
            mrr: true,
        };
        rows.set(setting).unwrap();
        // each id twice, interleaved, with a second subscription: one customer each
        for round in 0..2 {
            for (i, id) in ids.iter().enumerate() {
                let mrr = Scaled {
                    mantissa: 100 + i as i128,
                    scale: round,
                };
                rows.push(
                    id,
                    8000 + i as i32 * 31 + round as i32 * 40,
                    None,
                    Some(mrr),
                )
                .unwrap();
            }
        }
        let mut back = Rows::from_bytes(&rows.to_bytes(), Global).unwrap();
        let m = rows.matrix().unwrap().unwrap();
        assert_eq!(
            m.first.values().map(|c| c.size).sum::<i64>(),
            ids.len() as i64
        );
        assert_eq!(m.scale, Some(1));
        assert_eq!(back.matrix().unwrap().unwrap(), m);
        // another setting in the same group is refused
        let e = rows
            .set(Setting {
                as_of: 9001,
                ..setting
            })
            .unwrap_err();
        assert_eq!(e.sqlstate(), "22023");
    }
}
