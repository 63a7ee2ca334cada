//! An [`Allocator`] over a PostgreSQL memory context, for Rust collections inside aggregate
//! states (`mrr_agg`'s map of customers): PostgreSQL accounts for the memory (hash aggregation
//! spills to disk by it) and frees it with the context, so nothing leaks when a query fails.
//! Out of memory is PostgreSQL's own error, raised from the allocation (never an abort).

use allocator_api2::alloc::{AllocError, Allocator, Layout};
use pgrx::pg_sys;
use std::ptr::NonNull;

/// PostgreSQL's allocations are aligned to 8 bytes (`MAXALIGN`).
const PALLOC_ALIGN: usize = 8;

/// See the module documentation.
#[derive(Debug, Clone, Copy)]
pub struct PgAlloc(pub pg_sys::MemoryContext);

// SAFETY: memory stays valid until deallocated or the context is reset; allocation failure
// raises PostgreSQL's error (a Rust panic through pgrx's guard), never returns a dangling block.
unsafe impl Allocator for PgAlloc {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let align = layout.align();
        if align > 128 {
            return Err(AllocError);
        }
        // A larger alignment (hashbrown's 16) gets room to align up; the byte before the
        // block records how far, for `deallocate`.
        let extra = if align > PALLOC_ALIGN { align } else { 0 };
        let size = layout.size().max(1) + extra;
        let raw = unsafe {
            pg_sys::MemoryContextAllocExtended(self.0, size, pg_sys::MCXT_ALLOC_HUGE as i32)
        }
        .cast::<u8>();
        let at = if extra == 0 {
            raw
        } else {
            let aligned = (raw as usize + align) & !(align - 1);
            let at = aligned as *mut u8;
            // SAFETY: at is within the block, at least one byte past its start
            unsafe { at.sub(1).write((aligned - raw as usize) as u8) };
            at
        };
        let at = NonNull::new(at).ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(at, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        unsafe {
            let raw = if layout.align() > PALLOC_ALIGN {
                ptr.as_ptr().sub(usize::from(ptr.as_ptr().sub(1).read()))
            } else {
                ptr.as_ptr()
            };
            pg_sys::pfree(raw.cast());
        }
    }
}
