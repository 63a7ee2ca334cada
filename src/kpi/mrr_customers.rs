//! The per-customer map of `mrr_agg(customer_id, mrr, started_at, ended_at, period)`: one entry
//! per customer (its starting and ending MRR, exact, and whether it paid before the period),
//! keyed by the customer id's bytes (`bigint` and `uuid` as their 8 and 16 bytes, `text` as its
//! bytes: ids compare byte for byte, as under a deterministic collation). Pure Rust, generic
//! over the allocator: the SQL glue allocates in the aggregate's memory context, so PostgreSQL
//! accounts for the memory and frees it with the group; unit tests use the global allocator.
//!
//! An entry is 56 bytes (ids up to 16 bytes inline, longer ones in an arena) plus the hash
//! table's control byte and free slots; BENCHMARKS.md has the measured bytes per customer.

use super::mrr::MrrSummary;
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use allocator_api2::alloc::{Allocator, Layout};
use allocator_api2::vec::Vec as AVec;
use hashbrown::hash_table::{Entry as Slot, HashTable};
use std::hash::BuildHasher;
use std::ptr::NonNull;

const INLINE: usize = 16;
const ARENA_CHUNK: usize = 64 * 1024;

/// One customer. The 128-bit sums are kept as two halves so the entry needs only 8-byte
/// alignment (56 bytes instead of 80).
#[derive(Clone, Copy)]
struct Entry {
    /// The id's bytes when it has at most 16, else its address in the arena.
    key: [u8; INLINE],
    len: u32,
    start_scale: u8,
    end_scale: u8,
    paid_before: bool,
    start: [u64; 2],
    end: [u64; 2],
}

fn split(x: i128) -> [u64; 2] {
    [x as u64, (x >> 64) as u64]
}

fn join(x: [u64; 2]) -> i128 {
    i128::from(x[0]) | (i128::from(x[1] as i64) << 64)
}

impl Entry {
    fn key(&self) -> &[u8] {
        let len = self.len as usize;
        if len <= INLINE {
            &self.key[..len]
        } else {
            let at = usize::from_ne_bytes(self.key[..8].try_into().expect("8 bytes"));
            // SAFETY: a long id was copied into the arena, which lives as long as the map
            unsafe { std::slice::from_raw_parts(at as *const u8, len) }
        }
    }

    fn start(&self) -> Scaled {
        Scaled {
            mantissa: join(self.start),
            scale: u32::from(self.start_scale),
        }
    }

    fn end(&self) -> Scaled {
        Scaled {
            mantissa: join(self.end),
            scale: u32::from(self.end_scale),
        }
    }

    /// Add `start` and `end` (either may be absent); `None` when a sum overflows.
    fn add(&mut self, start: Option<Scaled>, end: Option<Scaled>, paid: bool) -> Option<()> {
        let (s, e) = (
            match start {
                Some(x) => self.start().add(x.mantissa, x.scale)?,
                None => self.start(),
            },
            match end {
                Some(x) => self.end().add(x.mantissa, x.scale)?,
                None => self.end(),
            },
        );
        (self.start, self.start_scale) = (split(s.mantissa), s.scale as u8);
        (self.end, self.end_scale) = (split(e.mantissa), e.scale as u8);
        self.paid_before |= paid;
        Some(())
    }
}

fn hash(key: &[u8]) -> u64 {
    let h = foldhash::fast::FixedState::with_seed(0x5f4b_5049_6d72_7221);
    match <[u8; 8]>::try_from(key) {
        Ok(word) => h.hash_one(u64::from_ne_bytes(word)),
        Err(_) => h.hash_one(key),
    }
}

/// Long ids, copied into chunks that never move.
struct Arena<A: Allocator + Copy> {
    chunks: AVec<(NonNull<u8>, Layout), A>,
    next: *mut u8,
    left: usize,
}

impl<A: Allocator + Copy> Arena<A> {
    fn copy(&mut self, bytes: &[u8]) -> *const u8 {
        if bytes.len() > self.left {
            let layout = Layout::from_size_align(bytes.len().max(ARENA_CHUNK), 1)
                .expect("an id's length fits a layout");
            let alloc = *self.chunks.allocator();
            let chunk = alloc
                .allocate(layout)
                .unwrap_or_else(|_| allocator_api2::alloc::handle_alloc_error(layout));
            let at = chunk.cast::<u8>();
            self.chunks.push((at, layout));
            (self.next, self.left) = (at.as_ptr(), layout.size());
        }
        let at = self.next;
        // SAFETY: `left` bytes from `next` are free in the current chunk
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), at, bytes.len());
            self.next = at.add(bytes.len());
        }
        self.left -= bytes.len();
        at
    }

    fn bytes(&self) -> usize {
        self.chunks.iter().map(|(_, l)| l.size()).sum()
    }
}

impl<A: Allocator + Copy> Drop for Arena<A> {
    fn drop(&mut self) {
        let alloc = *self.chunks.allocator();
        for (at, layout) in self.chunks.drain(..) {
            // SAFETY: allocated by `alloc` with this layout
            unsafe { alloc.deallocate(at, layout) };
        }
    }
}

/// A customer's sums overflowed 38 digits.
fn too_large() -> KpiError {
    KpiError::OutOfRange("mrr_agg mrr of one customer does not fit 38 digits".into())
}

/// See the module documentation.
pub struct Customers<A: Allocator + Copy> {
    table: HashTable<Entry, A>,
    arena: Arena<A>,
}

impl<A: Allocator + Copy> Customers<A> {
    pub fn new(alloc: A) -> Self {
        Customers {
            table: HashTable::new_in(alloc),
            arena: Arena {
                chunks: AVec::new_in(alloc),
                next: std::ptr::null_mut(),
                left: 0,
            },
        }
    }

    /// Add to customer `key`'s starting MRR (`start`, when the subscription is active at the
    /// start), ending MRR (`end`) and paid-before flag.
    #[inline]
    pub fn add(
        &mut self,
        key: &[u8],
        start: Option<Scaled>,
        end: Option<Scaled>,
        paid_before: bool,
    ) -> Result<(), KpiError> {
        let h = hash(key);
        let entry = match self.table.entry(h, |e| e.key() == key, |e| hash(e.key())) {
            Slot::Occupied(o) => o.into_mut(),
            Slot::Vacant(v) => {
                let mut e = Entry {
                    key: [0; INLINE],
                    len: u32::try_from(key.len()).map_err(|_| {
                        KpiError::InvalidParameter("mrr_agg customer_id is too long".into())
                    })?,
                    start_scale: 0,
                    end_scale: 0,
                    paid_before: false,
                    start: [0; 2],
                    end: [0; 2],
                };
                if key.len() <= INLINE {
                    e.key[..key.len()].copy_from_slice(key);
                } else {
                    let at = self.arena.copy(key) as usize;
                    e.key[..8].copy_from_slice(&at.to_ne_bytes());
                }
                v.insert(e).into_mut()
            }
        };
        entry.add(start, end, paid_before).ok_or_else(too_large)
    }

    /// Add every customer of `other` (a parallel worker's map).
    pub fn merge<B: Allocator + Copy>(&mut self, other: &Customers<B>) -> Result<(), KpiError> {
        for e in other.table.iter() {
            self.add(e.key(), Some(e.start()), Some(e.end()), e.paid_before)?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The bytes the map holds: its table and the arena of long ids.
    pub fn bytes(&self) -> usize {
        self.table.allocation_size() + self.arena.bytes()
    }

    /// The movements of every customer, added up.
    pub fn summary(&self) -> Result<MrrSummary, KpiError> {
        let mut s = MrrSummary::empty(None);
        for e in self.table.iter() {
            let one =
                MrrSummary::customer(e.start(), e.end(), e.paid_before).ok_or_else(too_large)?;
            s.add(&one, false)?;
        }
        Ok(s)
    }

    /// The customers in a state's bytes: their count, then per customer the id's length and
    /// bytes, the two sums and the flag.
    pub fn write(&self, mut w: Writer) -> Writer {
        w = w.i64(self.table.len() as i64);
        for e in self.table.iter() {
            let key = e.key();
            w = w.i64(key.len() as i64).bytes(key);
            w = e.start().put(w);
            w = e.end().put(w);
            w = w.u8(u8::from(e.paid_before));
        }
        w
    }

    /// Read [`Customers::write`]'s bytes into this map.
    pub fn read(&mut self, r: &mut Reader) -> Result<(), KpiError> {
        let n = r.count()?;
        for _ in 0..n {
            let len = r.count()?;
            let key = r.slice(usize::try_from(len).map_err(|_| r.error("id too long"))?)?;
            let (start, end) = (Scaled::get(r)?, Scaled::get(r)?);
            let paid = match r.u8()? {
                0 => false,
                1 => true,
                b => return Err(r.error(&format!("flag {b}"))),
            };
            if start.is_negative() || end.is_negative() {
                return Err(r.error("negative mrr"));
            }
            self.add(key, Some(start), Some(end), paid)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use allocator_api2::alloc::Global;

    fn d(m: i128, scale: u32) -> Scaled {
        Scaled { mantissa: m, scale }
    }

    #[test]
    fn entries_are_56_bytes_and_halves_round_trip() {
        assert_eq!(std::mem::size_of::<Entry>(), 56);
        for x in [0, 1, -1, i128::MAX, i128::MIN + 1, 1 << 64, -(1 << 64) + 3] {
            assert_eq!(join(split(x)), x);
        }
    }

    #[test]
    fn customers_add_merge_and_survive_bytes() {
        let mut a = Customers::new(Global);
        let long = b"a customer id longer than sixteen bytes";
        a.add(&7i64.to_ne_bytes(), Some(d(100, 0)), Some(d(1500, 1)), true)
            .unwrap();
        a.add(long, None, Some(d(25, 0)), false).unwrap();
        a.add(&7i64.to_ne_bytes(), Some(d(5, 2)), None, false)
            .unwrap();
        let mut b = Customers::new(Global);
        b.add(long, Some(d(10, 0)), None, true).unwrap();
        b.add(b"x", Some(d(3, 0)), None, false).unwrap();
        a.merge(&b).unwrap();
        assert_eq!(a.len(), 3);
        let bytes = a.write(Writer::new(1)).into_vec();
        let mut c = Customers::new(Global);
        let mut r = Reader::new(&bytes, "mrr customers", 1).unwrap();
        c.read(&mut r).unwrap();
        r.end().unwrap();
        let (sa, sc) = (a.summary().unwrap(), c.summary().unwrap());
        assert_eq!(sa, sc);
        // customer 7: 100.05 -> 150.0 expansion 49.95; long: 10 -> 25 expansion; x: 3 -> 0 churn
        assert_eq!(sa.amounts[0].to_string(), "113.05");
        assert_eq!(sa.amounts[1].to_string(), "175.0");
        assert_eq!(sa.amounts[4].to_string(), "64.95");
        assert_eq!(sa.amounts[6].to_string(), "3");
        assert_eq!(sa.counts, [3, 2, 0, 0, 2, 0, 1]);
        assert!(sa.check_stored().is_ok());
    }

    #[test]
    fn a_customer_overflowing_38_digits_is_22003() {
        let mut a = Customers::new(Global);
        let big = d(10i128.pow(37), 0);
        let e = (0..20).try_for_each(|_| a.add(b"k", Some(big), None, false));
        assert!(matches!(e, Err(KpiError::OutOfRange(_))), "{e:?}");
    }

    /// The size of the map at a million customers (BENCHMARKS.md): bigint ids.
    #[test]
    fn bytes_per_customer_at_a_million() {
        let mut a = Customers::new(Global);
        for id in 0..1_000_000i64 {
            a.add(&id.to_ne_bytes(), Some(d(4900, 2)), Some(d(4900, 2)), true)
                .unwrap();
        }
        let per = a.bytes() as f64 / 1e6;
        println!(
            "mrr_agg map: {} bytes at 1,000,000 customers, {per:.1} per customer",
            a.bytes()
        );
        assert!((57.0..=2.0 * 57.0 * 1.15).contains(&per), "{per}");
    }
}
