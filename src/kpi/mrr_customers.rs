//! The per-customer map of `mrr_agg(customer_id, mrr, started_at, ended_at, period)`: one entry
//! per customer (its starting and ending MRR, exact, and whether it paid before the period),
//! keyed by the customer id's bytes (`bigint` and `uuid` as their 8 and 16 bytes, `text` as its
//! bytes: ids compare byte for byte, as under a deterministic collation). Pure Rust, generic
//! over the allocator: the SQL glue allocates in the aggregate's memory context, so PostgreSQL
//! accounts for the memory and frees it with the group; unit tests use the global allocator.
//!
//! The table is open addressing with linear probing over 64-byte entries, one cache line each
//! (ids up to 16 bytes inline, longer ones in an arena), at most 3/4 full. Over hundreds of
//! thousands of customers every lookup misses the CPU caches, so rows wait in a short queue:
//! a row's slot is prefetched when it arrives and the row is applied [`QUEUE`] rows later, when
//! the line is there (measured in BENCHMARKS.md: the lookups were 80 % of the time before).
//! Anything that reads the map first applies the queue ([`Customers::flush`]).

use super::mrr::MrrSummary;
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use allocator_api2::alloc::{Allocator, Layout};
use allocator_api2::vec::Vec as AVec;
use std::hash::BuildHasher;
use std::ptr::NonNull;

const INLINE: usize = 16;
const EMPTY: u32 = u32::MAX;
const ARENA_CHUNK: usize = 64 * 1024;
/// Rows between a row's prefetch and its lookup.
pub const QUEUE: usize = 16;
/// Tables smaller than this many slots (512 KiB) apply rows at once.
const QUEUE_FROM: usize = 8192;
/// Ids a queued row can carry; longer ones are applied at once.
const QUEUED_KEY: usize = 32;

/// One customer, one cache line. The 128-bit sums are kept as two halves (8-byte alignment).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Entry {
    /// The id's bytes when it has at most 16, else its address in the arena.
    key: [u8; INLINE],
    /// The id's length, or [`EMPTY`] for a free slot.
    len: u32,
    /// The high half of the id's hash, compared before the id.
    tag: u32,
    start: [u64; 2],
    end: [u64; 2],
    start_scale: u8,
    end_scale: u8,
    paid_before: bool,
}

const FREE: Entry = Entry {
    key: [0; INLINE],
    len: EMPTY,
    tag: 0,
    start: [0; 2],
    end: [0; 2],
    start_scale: 0,
    end_scale: 0,
    paid_before: false,
};

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
            let chunk = allocate(*self.chunks.allocator(), layout);
            self.chunks.push((chunk, layout));
            (self.next, self.left) = (chunk.as_ptr(), layout.size());
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

/// `layout` from `alloc` (PostgreSQL's allocator raises its own out-of-memory error).
fn allocate<A: Allocator>(alloc: A, layout: Layout) -> NonNull<u8> {
    alloc
        .allocate(layout)
        .unwrap_or_else(|_| allocator_api2::alloc::handle_alloc_error(layout))
        .cast()
}

/// A row waiting in the queue: its id (inline), hash and contributions.
#[derive(Clone, Copy)]
struct Queued {
    key: [u8; QUEUED_KEY],
    len: u8,
    hash: u64,
    start: Option<Scaled>,
    end: Option<Scaled>,
    paid: bool,
}

/// A customer's sums overflowed 38 digits.
fn too_large() -> KpiError {
    KpiError::OutOfRange("mrr_agg mrr of one customer does not fit 38 digits".into())
}

/// See the module documentation.
pub struct Customers<A: Allocator + Copy> {
    alloc: A,
    slots: NonNull<Entry>,
    /// Slots - 1 (a power of two minus one); 0 slots before the first customer.
    mask: usize,
    slots_len: usize,
    len: usize,
    arena: Arena<A>,
    queue: [Option<Queued>; QUEUE],
    next: usize,
}

impl<A: Allocator + Copy> Customers<A> {
    pub fn new(alloc: A) -> Self {
        Customers {
            alloc,
            slots: NonNull::dangling(),
            mask: 0,
            slots_len: 0,
            len: 0,
            arena: Arena {
                chunks: AVec::new_in(alloc),
                next: std::ptr::null_mut(),
                left: 0,
            },
            queue: [None; QUEUE],
            next: 0,
        }
    }

    fn slots(&self) -> &[Entry] {
        // SAFETY: `slots_len` initialized entries (none while dangling)
        unsafe { std::slice::from_raw_parts(self.slots.as_ptr(), self.slots_len) }
    }

    fn slots_mut(&mut self) -> &mut [Entry] {
        // SAFETY: as `slots`, and `&mut self` is the only access
        unsafe { std::slice::from_raw_parts_mut(self.slots.as_ptr(), self.slots_len) }
    }

    /// The index of the slot holding `key`, or of the free slot where it goes.
    #[inline(always)]
    fn probe(&self, h: u64, key: &[u8]) -> usize {
        let slots = self.slots();
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let e = &slots[i];
            if e.len == EMPTY || (e.tag == tag && e.len as usize == key.len() && e.key() == key) {
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Room for one more customer: double the table at 3/4 full.
    fn reserve_one(&mut self) {
        if (self.len + 1) * 4 <= self.slots_len * 3 {
            return;
        }
        let new_len = (self.slots_len * 2).max(8);
        let layout = Layout::array::<Entry>(new_len).expect("a table that fits memory");
        let fresh = allocate(self.alloc, layout).cast::<Entry>();
        // SAFETY: `new_len` entries of fresh memory, each written before use
        unsafe {
            for k in 0..new_len {
                fresh.as_ptr().add(k).write(FREE);
            }
        }
        let (old, old_len) = (self.slots, self.slots_len);
        (self.slots, self.slots_len, self.mask) = (fresh, new_len, new_len - 1);
        // SAFETY: the old table's entries, read once each before it is freed
        unsafe {
            for k in 0..old_len {
                let e = old.as_ptr().add(k).read();
                if e.len != EMPTY {
                    // ids are unique: the first free slot from its home
                    let i = self.free_from(hash(e.key()) as usize & self.mask);
                    self.slots_mut()[i] = e;
                }
            }
            if old_len > 0 {
                self.alloc.deallocate(
                    old.cast(),
                    Layout::array::<Entry>(old_len).expect("was allocated"),
                );
            }
        }
    }

    fn free_from(&self, mut i: usize) -> usize {
        while self.slots()[i].len != EMPTY {
            i = (i + 1) & self.mask;
        }
        i
    }

    /// Apply one row to its customer's entry.
    fn apply(
        &mut self,
        h: u64,
        key: &[u8],
        start: Option<Scaled>,
        end: Option<Scaled>,
        paid: bool,
    ) -> Result<(), KpiError> {
        self.reserve_one();
        let i = self.probe(h, key);
        if self.slots()[i].len == EMPTY {
            let mut e = FREE;
            e.len = u32::try_from(key.len())
                .ok()
                .filter(|&l| l != EMPTY)
                .ok_or_else(|| {
                    KpiError::InvalidParameter("mrr_agg customer_id is too long".into())
                })?;
            e.tag = (h >> 32) as u32;
            if key.len() <= INLINE {
                e.key[..key.len()].copy_from_slice(key);
            } else {
                let at = self.arena.copy(key) as usize;
                e.key[..8].copy_from_slice(&at.to_ne_bytes());
            }
            self.slots_mut()[i] = e;
            self.len += 1;
        }
        self.slots_mut()[i]
            .add(start, end, paid)
            .ok_or_else(too_large)
    }

    /// Add to customer `key`'s starting MRR (`start`, when the subscription is active at the
    /// start), ending MRR (`end`) and paid-before flag. The row may wait in the queue; an
    /// overflow it causes is reported when it is applied.
    #[inline]
    pub fn add(
        &mut self,
        key: &[u8],
        start: Option<Scaled>,
        end: Option<Scaled>,
        paid_before: bool,
    ) -> Result<(), KpiError> {
        let h = hash(key);
        // a small table stays in the caches; a long id cannot wait (the row's datum is freed)
        if key.len() > QUEUED_KEY || self.slots_len < QUEUE_FROM {
            return self.apply(h, key, start, end, paid_before);
        }
        if self.slots_len > 0 {
            prefetch(self.slots.as_ptr().wrapping_add(h as usize & self.mask));
        }
        let mut q = Queued {
            key: [0; QUEUED_KEY],
            len: key.len() as u8,
            hash: h,
            start,
            end,
            paid: paid_before,
        };
        q.key[..key.len()].copy_from_slice(key);
        let slot = self.next;
        self.next = (self.next + 1) % QUEUE;
        match self.queue[slot].replace(q) {
            Some(w) => self.apply(w.hash, &w.key[..usize::from(w.len)], w.start, w.end, w.paid),
            None => Ok(()),
        }
    }

    /// Apply every queued row.
    pub fn flush(&mut self) -> Result<(), KpiError> {
        for k in 0..QUEUE {
            if let Some(w) = self.queue[k].take() {
                self.apply(w.hash, &w.key[..usize::from(w.len)], w.start, w.end, w.paid)?;
            }
        }
        Ok(())
    }

    fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.slots().iter().filter(|e| e.len != EMPTY)
    }

    /// Add every customer of `other` (a parallel worker's map).
    pub fn merge<B: Allocator + Copy>(&mut self, other: &mut Customers<B>) -> Result<(), KpiError> {
        other.flush()?;
        for e in other.entries() {
            self.apply(
                hash(e.key()),
                e.key(),
                Some(e.start()),
                Some(e.end()),
                e.paid_before,
            )?;
        }
        Ok(())
    }

    /// Customers in the map (after [`Customers::flush`]).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes the map holds: its table and the arena of long ids.
    pub fn bytes(&self) -> usize {
        self.slots_len * std::mem::size_of::<Entry>() + self.arena.bytes()
    }

    /// The movements of every customer, added up.
    pub fn summary(&mut self) -> Result<MrrSummary, KpiError> {
        self.flush()?;
        let mut s = MrrSummary::empty(None);
        for e in self.entries() {
            s.add_customer(e.start(), e.end(), e.paid_before, false)?;
        }
        Ok(s)
    }

    /// The customers in a state's bytes: their count, then per customer the id's length and
    /// bytes, the two sums and the flag.
    pub fn write(&mut self, mut w: Writer) -> Result<Writer, KpiError> {
        self.flush()?;
        w = w.i64(self.len as i64);
        for e in self.entries() {
            let key = e.key();
            w = w.i64(key.len() as i64).bytes(key);
            w = e.start().put(w);
            w = e.end().put(w);
            w = w.u8(u8::from(e.paid_before));
        }
        Ok(w)
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
            self.apply(hash(key), key, Some(start), Some(end), paid)?;
        }
        Ok(())
    }
}

impl<A: Allocator + Copy> Drop for Customers<A> {
    fn drop(&mut self) {
        if self.slots_len > 0 {
            let layout = Layout::array::<Entry>(self.slots_len).expect("was allocated");
            // SAFETY: allocated by `alloc` with this layout
            unsafe { self.alloc.deallocate(self.slots.cast(), layout) };
        }
    }
}

/// Ask the CPU to bring `at`'s cache line in (a hint: no effect on results).
#[inline(always)]
fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching never faults, whatever the address
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

#[cfg(test)]
#[path = "mrr_customers_tests.rs"]
mod tests;
