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
    pub fn new(bytes: &'a [u8], what: &'static str, version: u8) -> Result<Self, KpiError> {
        let r = Reader {
            bytes,
            pos: 1,
            what,
        };
        match bytes.first() {
            None => Err(r.error("no bytes")),
            Some(&v) if v == version => Ok(r),
            Some(v) => Err(r.error(&format!("unknown version {v}"))),
        }
    }

    /// A 22P02 error about this state.
    pub fn error(&self, why: &str) -> KpiError {
        KpiError::BadText(format!("invalid {} state: {why}", self.what))
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], KpiError> {
        let end = self.pos + N;
        let Some(chunk) = self.bytes.get(self.pos..end) else {
            return Err(self.error(&format!("truncated at byte {}", self.bytes.len())));
        };
        self.pos = end;
        let mut out = [0u8; N];
        out.copy_from_slice(chunk);
        Ok(out)
    }
    pub fn i64(&mut self) -> Result<i64, KpiError> {
        self.take::<8>().map(i64::from_le_bytes)
    }
    /// A count, which must not be negative.
    pub fn count(&mut self) -> Result<i64, KpiError> {
        let c = self.i64()?;
        if c < 0 {
            return Err(self.error(&format!("negative count {c}")));
        }
        Ok(c)
    }
    pub fn i128(&mut self) -> Result<i128, KpiError> {
        self.take::<16>().map(i128::from_le_bytes)
    }
    pub fn u8(&mut self) -> Result<u8, KpiError> {
        self.take::<1>().map(|b| b[0])
    }
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], KpiError> {
        self.take::<N>()
    }
    /// The next `n` bytes, in place.
    pub fn slice(&mut self, n: usize) -> Result<&'a [u8], KpiError> {
        let Some(chunk) = self
            .pos
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.pos..end))
        else {
            return Err(self.error(&format!("truncated at byte {}", self.bytes.len())));
        };
        self.pos += n;
        Ok(chunk)
    }
    /// Finish: trailing bytes are an error.
    pub fn end(self) -> Result<(), KpiError> {
        if self.pos != self.bytes.len() {
            return Err(self.error(&format!(
                "expected {} bytes, got {}",
                self.pos,
                self.bytes.len()
            )));
        }
        Ok(())
    }
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
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i64()
    }
}

impl Field for i128 {
    fn put(self, w: Writer) -> Writer {
        w.i128(self)
    }
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i128()
    }
}

impl Field for f64 {
    fn put(self, w: Writer) -> Writer {
        w.i64(self.to_bits() as i64)
    }
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        r.i64().map(|b| f64::from_bits(b as u64))
    }
}

impl Field for crate::numeric::Scaled {
    fn put(self, w: Writer) -> Writer {
        w.i128(self.mantissa).u8(self.scale as u8)
    }
    fn get(r: &mut Reader) -> Result<Self, KpiError> {
        let (mantissa, scale) = (r.i128()?, u32::from(r.u8()?));
        if scale > crate::numeric::MAX_SCALE {
            return Err(r.error(&format!("scale {scale} out of range")));
        }
        // -2^127 has no positive counterpart, so no text form: its digits do not fit an i128
        if mantissa == i128::MIN {
            return Err(r.error("value out of range"));
        }
        Ok(crate::numeric::Scaled { mantissa, scale })
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
}
