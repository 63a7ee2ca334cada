//! Unit tests of the per-customer map (`mrr_customers.rs`).
use super::*;
use allocator_api2::alloc::Global;

fn d(m: i128, scale: u32) -> Scaled {
    Scaled { mantissa: m, scale }
}

#[test]
fn entries_are_one_cache_line_and_halves_round_trip() {
    assert_eq!(std::mem::size_of::<Entry>(), 64);
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
    a.merge(&mut b).unwrap();
    a.flush().unwrap();
    assert_eq!(a.len(), 3);
    let bytes = a.write(Writer::new(1)).unwrap().into_vec();
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

/// Past the size where rows queue: 30,000 customers of bigint, uuid-sized, short and long text ids, in
/// an interleaved order, merged from two maps (one with rows still queued) and read back
/// from bytes, equal customer by customer to sums kept in a BTreeMap.
#[test]
fn queued_rows_land_where_direct_ones_do() {
    use std::collections::BTreeMap;
    let mut next = crate::numeric::tests::whole::rng(0x7175_6575_6564);
    let (mut a, mut b) = (Customers::new(Global), Customers::new(Global));
    let mut want: BTreeMap<Vec<u8>, (i128, i128, bool)> = BTreeMap::new();
    for row in 0..200_000u64 {
        let id = next(30_000);
        let key = match id % 6 {
            0 => id.to_ne_bytes().to_vec(),
            1 => format!("cus_{id}").into_bytes(),
            // 16 bytes (a uuid's length), and an 8-byte id with zeros after it
            2 => (u128::from(id) * 0x0123_4567_89ab_cdef)
                .to_ne_bytes()
                .to_vec(),
            3 => [(id - 3).to_ne_bytes(), [0; 8]].concat(),
            4 => format!("{id:>20}").into_bytes(), // past the inline 16, still queued
            _ => format!("a customer id longer than thirty-two bytes {id}").into_bytes(),
        };
        let (s, e, p) = (next(3) == 0, next(3) == 0, next(5) == 0);
        let m = next(100_000) as i128;
        let w = want.entry(key.clone()).or_default();
        w.0 += if s { m } else { 0 };
        w.1 += if e { m } else { 0 };
        w.2 |= p;
        let map = if row % 2 == 0 { &mut a } else { &mut b };
        map.add(&key, s.then_some(d(m, 2)), e.then_some(d(m, 2)), p)
            .unwrap();
    }
    a.merge(&mut b).unwrap();
    let bytes = a.write(Writer::new(1)).unwrap().into_vec();
    let mut c = Customers::new(Global);
    c.read(&mut Reader::new(&bytes, "mrr customers", 1).unwrap())
        .unwrap();
    assert_eq!(c.len(), want.len());
    for (key, (s, e, p)) in &want {
        let i = c.probe(hash(key), key);
        let got = &c.slots()[i];
        assert_eq!(
            (got.start().mantissa, got.end().mantissa, got.paid_before),
            (*s, *e, *p)
        );
    }
    assert_eq!(a.summary().unwrap(), c.summary().unwrap());
}

/// Ids equal once zero-padded (`ab` and `ab\0`) are different customers even when their hashes
/// are the same: `probe` compares the lengths too.
#[test]
fn padded_ids_differ_by_length() {
    let mut c = Customers::new(Global);
    c.add(b"ab", Some(d(1, 0)), None, false).unwrap();
    let h = hash(b"ab");
    let found = c.probe(h, b"ab");
    assert_eq!(c.slots()[found].key(), b"ab");
    let other = c.probe(h, b"ab\0");
    assert_ne!(other, found);
    assert_eq!(c.slots()[other].len, EMPTY);
}

/// The size of the map at a million customers (BENCHMARKS.md): bigint ids.
#[test]
fn bytes_per_customer_at_a_million() {
    let mut a = Customers::new(Global);
    for id in 0..1_000_000i64 {
        a.add(&id.to_ne_bytes(), Some(d(4900, 2)), Some(d(4900, 2)), true)
            .unwrap();
    }
    a.flush().unwrap();
    assert_eq!(a.len(), 1_000_000);
    let per = a.bytes() as f64 / 1e6;
    println!(
        "mrr_agg map: {} bytes at 1,000,000 customers, {per:.1} per customer",
        a.bytes()
    );
    assert!((64.0..=64.0 * 8.0 / 3.0).contains(&per), "{per}");
}
