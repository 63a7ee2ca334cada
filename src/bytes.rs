//! The serialized form of every KPI state: a version byte, then fixed-width little-endian fields.
//! Pure Rust. A [`Reader`] rejects short, long or wrong-version input with a 22P02 error that
//! names the state, so corrupt bytes never become a state.

use crate::error::KpiError;

/// Builds a state's bytes: `Writer::new(version)`, fields, `.into_vec()`.
pub struct Writer(Vec<u8>);

impl Writer {
    pub fn new(version: u8) -> Self {
        let mut v = Vec::with_capacity(64);
        v.push(version);
        Writer(v)
    }
    pub fn i64(mut self, x: i64) -> Self {
        self.0.extend(x.to_le_bytes());
        self
    }
    pub fn i128(mut self, x: i128) -> Self {
        self.0.extend(x.to_le_bytes());
        self
    }
    pub fn u8(mut self, x: u8) -> Self {
        self.0.push(x);
        self
    }
    pub fn bytes(mut self, x: &[u8]) -> Self {
        self.0.extend(x);
        self
    }
    /// An unsigned LEB128 number: 7 bits a byte, low bits first (1 byte below 128).
    pub fn varint(mut self, mut x: u64) -> Self {
        while x >= 0x80 {
            self.0.push((x as u8) | 0x80);
            x >>= 7;
        }
        self.0.push(x as u8);
        self
    }
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

/// Reads what a [`Writer`] wrote, checking the version and the length.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// Start reading a `what` state (named in errors) that must begin with `version`.
    #[inline(always)]
    pub fn new(bytes: &'a [u8], what: &'static str, version: u8) -> Result<Self, KpiError> {
        let r = Reader {
            bytes,
            pos: 1,
            what,
        };
        match bytes.first() {
            None => Err(r.error("no bytes")),
            Some(&v) if v == version => Ok(r),
            Some(&v) => Err(r.unknown_version(v)),
        }
    }

    /// A 22P02 error about this state. Inlined, the message built out of line from the reader's
    /// fields by value: a cold call given `&self` would keep the reader in memory on every path,
    /// and its copies then stalled store forwarding (`rollup()` over stored summaries:
    /// BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub fn error(&self, why: &str) -> KpiError {
        bad_state(self.what, why)
    }

    #[inline(always)]
    fn unknown_version(&self, v: u8) -> KpiError {
        unknown_version(self.what, v)
    }

    #[inline(always)]
    fn truncated(&self) -> KpiError {
        truncated(self.what, self.bytes.len())
    }

    /// The next `N` bytes, in place: a field is then loaded straight from the stored bytes, not
    /// through a copy on the stack (which, read back as one wider load, stalled store
    /// forwarding: BENCHMARKS.md, issue 26).
    #[inline(always)]
    fn take<const N: usize>(&mut self) -> Result<&'a [u8; N], KpiError> {
        let end = self.pos + N;
        let Some(chunk) = self.bytes.get(self.pos..end) else {
            return Err(self.truncated());
        };
        self.pos = end;
        Ok(chunk.try_into().expect("N bytes"))
    }
    #[inline(always)]
    pub fn i64(&mut self) -> Result<i64, KpiError> {
        self.take::<8>().map(|b| i64::from_le_bytes(*b))
    }
    /// A count, which must not be negative.
    #[inline(always)]
    pub fn count(&mut self) -> Result<i64, KpiError> {
        let c = self.i64()?;
        if c < 0 {
            return Err(self.negative_count(c));
        }
        Ok(c)
    }

    #[inline(always)]
    fn negative_count(&self, c: i64) -> KpiError {
        negative_count(self.what, c)
    }
    #[inline(always)]
    pub fn i128(&mut self) -> Result<i128, KpiError> {
        self.take::<16>().map(|b| i128::from_le_bytes(*b))
    }
    #[inline(always)]
    pub fn u8(&mut self) -> Result<u8, KpiError> {
        self.take::<1>().map(|b| b[0])
    }
    /// A [`Writer::varint`]; more than 64 bits, or a byte more than the number needs, is an
    /// error (one number, one form). Inlined: the variable-size summaries (tiers, life
    /// tables, cohorts) read a few per cell, and `rollup()` reads every summary.
    #[inline(always)]
    pub fn varint(&mut self) -> Result<u64, KpiError> {
        let mut x: u64 = 0;
        for shift in (0..70).step_by(7) {
            let b = self.u8()?;
            let bits = u64::from(b & 0x7F);
            if shift == 63 && bits > 1 {
                return Err(self.error("a number past 64 bits"));
            }
            x |= bits << shift;
            if b & 0x80 == 0 {
                if b == 0 && shift > 0 {
                    return Err(self.error("a number with a needless byte"));
                }
                return Ok(x);
            }
        }
        Err(self.error("a number past 64 bits"))
    }
    /// True when every byte was read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], KpiError> {
        self.take::<N>().copied()
    }
    /// The next `n` bytes, in place.
    pub fn slice(&mut self, n: usize) -> Result<&'a [u8], KpiError> {
        let Some(chunk) = self
            .pos
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.pos..end))
        else {
            return Err(self.truncated());
        };
        self.pos += n;
        Ok(chunk)
    }
    /// Finish: trailing bytes are an error.
    #[inline(always)]
    pub fn end(self) -> Result<(), KpiError> {
        if self.pos != self.bytes.len() {
            return Err(self.trailing());
        }
        Ok(())
    }

    #[inline(always)]
    fn trailing(&self) -> KpiError {
        trailing(self.what, self.pos, self.bytes.len())
    }
}

// The reader's errors, out of line (see Reader::error).
#[cold]
#[inline(never)]
fn bad_state(what: &str, why: &str) -> KpiError {
    KpiError::BadText(format!("invalid {what} state: {why}"))
}

#[cold]
#[inline(never)]
fn unknown_version(what: &str, v: u8) -> KpiError {
    bad_state(what, &format!("unknown version {v}"))
}

#[cold]
#[inline(never)]
fn truncated(what: &str, len: usize) -> KpiError {
    bad_state(what, &format!("truncated at byte {len}"))
}

#[cold]
#[inline(never)]
fn negative_count(what: &str, c: i64) -> KpiError {
    bad_state(what, &format!("negative count {c}"))
}

#[cold]
#[inline(never)]
fn trailing(what: &str, pos: usize, len: usize) -> KpiError {
    bad_state(what, &format!("expected {pos} bytes, got {len}"))
}

/// A value that a state stores: `i64`, `i128`, `f64`, or an exact `numeric` sum or value.
pub trait Field: Sized + Copy {
    fn put(self, w: Writer) -> Writer;
    fn get(r: &mut Reader) -> Result<Self, KpiError>;
}

impl Field for i64 {
    fn put(self, w: Writer) -> Writer {
        w.i64(self)
    }
    #[inline(always)]
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i64()
    }
}

impl Field for i128 {
    fn put(self, w: Writer) -> Writer {
        w.i128(self)
    }
    #[inline(always)]
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i128()
    }
}

impl Field for f64 {
    fn put(self, w: Writer) -> Writer {
        w.i64(self.to_bits() as i64)
    }
    #[inline(always)]
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i64().map(|b| f64::from_bits(b as u64))
    }
}

impl Field for crate::numeric::Scaled {
    fn put(self, w: Writer) -> Writer {
        w.i128(self.mantissa).u8(self.scale as u8)
    }
    // inline(always), the errors out of line: a summary's read is a few of these (rollup()
    // over a million summaries, BENCHMARKS.md, issue 26)
    #[inline(always)]
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        let (mantissa, scale) = (r.i128()?, u32::from(r.u8()?));
        // -2^127 has no positive counterpart, so no text form: its digits do not fit an i128
        if scale > crate::numeric::MAX_SCALE || mantissa == i128::MIN {
            return Err(bad_scaled(r.what, scale));
        }
        Ok(crate::numeric::Scaled { mantissa, scale })
    }
}

#[cold]
#[inline(never)]
fn bad_scaled(what: &str, scale: u32) -> KpiError {
    if scale > crate::numeric::MAX_SCALE {
        bad_state(what, &format!("scale {scale} out of range"))
    } else {
        bad_state(what, "value out of range")
    }
}

impl Field for crate::numeric::ByValue {
    fn put(self, w: Writer) -> Writer {
        self.0.put(w)
    }
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        crate::numeric::Scaled::get(r).map(crate::numeric::ByValue)
    }
}

/// A sum of numerics in a transition state travelling between parallel workers (never stored):
/// its scale, the values at that scale, the digit positions.
impl Field for crate::numeric_sum::NumericSum {
    fn put(self, w: Writer) -> Writer {
        let (positions, scale) = self.parts();
        let w = w.u8(scale.scale as u8).i64(scale.at_max);
        positions.iter().fold(w, |w, p| w.i64(*p))
    }
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        let scale = crate::numeric::MaxScale {
            scale: u32::from(r.u8()?),
            at_max: r.i64()?,
        };
        let mut positions = crate::numeric_sum::NumericSum::default().parts().0;
        for p in positions.iter_mut() {
            *p = r.i64()?;
        }
        crate::numeric_sum::NumericSum::from_parts(positions, scale)
            .ok_or_else(|| r.error(&format!("scale {} out of range", scale.scale)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let b = Writer::new(3).i64(-5).u8(7).i128(1 << 100).into_vec();
        let mut r = Reader::new(&b, "test", 3).unwrap();
        assert_eq!(r.i64().unwrap(), -5);
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.i128().unwrap(), 1 << 100);
        r.end().unwrap();

        assert!(Reader::new(&b, "test", 4)
            .unwrap_err()
            .message()
            .contains("unknown version 3"));
        assert_eq!(
            Reader::new(&[], "test", 3).err().unwrap().sqlstate(),
            "22P02"
        );
        let mut short = Reader::new(&b[..5], "test", 3).unwrap();
        assert!(short.i64().unwrap_err().message().contains("truncated"));
        let mut long = Reader::new(&b, "test", 3).unwrap();
        long.i64().unwrap();
        assert!(long
            .end()
            .unwrap_err()
            .message()
            .contains("expected 9 bytes"));
        let d = crate::numeric::Scaled {
            mantissa: -12345,
            scale: 3,
        };
        let b = d.put(Writer::new(1)).into_vec();
        assert_eq!(
            crate::numeric::Scaled::get(&mut Reader::new(&b, "x", 1).unwrap()).unwrap(),
            d
        );
        let mut bad = b.clone();
        *bad.last_mut().unwrap() = 39; // scale past 38
        assert!(crate::numeric::Scaled::get(&mut Reader::new(&bad, "x", 1).unwrap()).is_err());
        let neg = Writer::new(1).i64(-1).into_vec();
        assert!(Reader::new(&neg, "x", 1).unwrap().count().is_err());
    }

    #[test]
    fn varints_have_one_form() {
        for x in [0u64, 1, 127, 128, 300, 1 << 35, u64::MAX - 1, u64::MAX] {
            let b = Writer::new(1).varint(x).into_vec();
            let mut r = Reader::new(&b, "x", 1).unwrap();
            assert_eq!(r.varint().unwrap(), x);
            assert!(r.at_end());
            r.end().unwrap();
        }
        assert_eq!(Writer::new(1).varint(127).into_vec().len(), 2);
        assert_eq!(Writer::new(1).varint(128).into_vec().len(), 3);
        // 0 written in two bytes, 2^64, eleven bytes, a truncated number
        for bad in [
            &[1u8, 0x80, 0x00][..],
            &[
                1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02,
            ],
            &[
                1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
            ],
            &[1, 0x80],
        ] {
            assert!(
                Reader::new(bad, "x", 1).unwrap().varint().is_err(),
                "{bad:?}"
            );
        }
    }
}
