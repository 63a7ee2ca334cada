use super::*;

fn key(before: Option<&str>, after: Option<&str>) -> Key {
    (before.map(str::to_string), after.map(str::to_string))
}

fn cell(customers: i64, mantissa: i128, scale: u32) -> Cell {
    Cell {
        customers,
        mrr: Scaled { mantissa, scale },
    }
}

/// A snapshot: (tier, mrr as mantissa at scale 2) per customer.
fn snapshot(rows: &[(&str, i128)]) -> Tiers {
    let mut t = Tiers::new(false, true);
    for (tier, mrr) in rows {
        t.add_cell(&key(None, Some(tier)), cell(1, *mrr, 2), 1)
            .unwrap();
    }
    t
}

#[test]
fn distribution_and_shares() {
    let t = snapshot(&[
        ("At-risk", 1000),
        ("Healthy", 5050),
        ("At-risk", 250),
        ("High-value", 0),
    ]);
    let (risk, all) = t.tier("At-risk");
    assert_eq!((risk.customers, all.customers), (2, 4));
    assert_eq!(
        risk.mrr,
        Scaled {
            mantissa: 1250,
            scale: 2
        }
    );
    assert_eq!(
        all.mrr,
        Scaled {
            mantissa: 6300,
            scale: 2
        }
    );
    assert_eq!(t.tier("Unhealthy").0, Cell::default());
    let rows: Vec<_> = t
        .rows()
        .into_iter()
        .map(|(n, c)| (n, c.customers))
        .collect();
    assert_eq!(rows, [("At-risk", 2), ("Healthy", 1), ("High-value", 1)]);
    assert_eq!(
        t.moved(Some("Healthy"), Some("At-risk")),
        None,
        "one snapshot: no moves"
    );
}

#[test]
fn moves_between_snapshots() {
    let mut t = Tiers::new(true, false);
    for (b, a) in [
        (Some("Healthy"), Some("At-risk")),
        (Some("Healthy"), Some("Healthy")),
        (Some("Healthy"), None),
        (None, Some("At-risk")),
        (Some("At-risk"), Some("Healthy")),
    ] {
        t.add_cell(&key(b, a), cell(1, 0, 0), 1).unwrap();
    }
    let (moved, from) = t.moved(Some("Healthy"), Some("At-risk")).unwrap();
    assert_eq!((moved.customers, from.customers), (1, 3));
    assert_eq!(
        t.moved(Some("Healthy"), None).unwrap().0.customers,
        1,
        "lost"
    );
    assert_eq!(
        t.moved(None, Some("At-risk")).unwrap().0.customers,
        1,
        "new"
    );
    assert_eq!(t.moved(None, Some("At-risk")).unwrap().1.customers, 1);
    let (risk, all) = t.tier("At-risk");
    assert_eq!(
        (risk.customers, all.customers),
        (2, 4),
        "the later snapshot"
    );
    let rows: Vec<_> = t
        .rows()
        .into_iter()
        .map(|(n, c)| (n, c.customers))
        .collect();
    assert_eq!(rows, [("At-risk", 2), ("Healthy", 2)]);
}

#[test]
fn merge_and_unmerge() {
    let a = snapshot(&[("At-risk", 1000), ("Healthy", 5050)]);
    let b = snapshot(&[("At-risk", 5), ("Unhealthy", 7)]);
    let mut m = a.clone();
    m.merge(&b, 1).unwrap();
    assert_eq!(m.cells.len(), 3);
    m.merge(&b, -1).unwrap();
    assert_eq!(m, a, "removal leaves no empty cell behind");
    let e = m.merge(&b, -1).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "combine(tiersummary) cannot remove a summary it did not add"
    );
    let e = m.merge(&Tiers::new(true, true), 1).unwrap_err();
    assert_eq!(
        e.message(),
        "combine(tiersummary) summaries must be of one kind, got tier_agg with mrr and tier_moves with mrr"
    );
    let e = m.merge(&Tiers::new(false, false), 1).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    let mut big = Tiers::new(false, false);
    big.add_cell(&key(None, Some("a")), cell(i64::MAX, 0, 0), 1)
        .unwrap();
    assert_eq!(
        big.add_cell(&key(None, Some("a")), cell(1, 0, 0), 1)
            .unwrap_err()
            .sqlstate(),
        "22003"
    );
}

#[test]
fn text_and_bytes_round_trip() {
    let mut t = snapshot(&[("At-risk", 1000), ("Healthy", 5050), ("Ünhealthy \"q\"", 1)]);
    t.add_cell(&key(None, Some("At-risk")), cell(1, 12345, 4), 1)
        .unwrap();
    let text = t.to_text();
    assert_eq!(
        text,
        r#"{"v":1,"moves":false,"mrr":true,"cells":[[null,"At-risk",2,11.2345],[null,"Healthy",1,50.50],[null,"Ünhealthy \"q\"",1,0.01]]}"#
    );
    assert_eq!(Tiers::from_text(&text).unwrap(), t);
    assert_eq!(Tiers::from_stored(&t.to_stored()).unwrap(), t);
    let mut m = Tiers::new(true, false);
    m.add_cell(&key(Some("a"), None), cell(3, 0, 0), 1).unwrap();
    m.add_cell(&key(None, Some("b")), cell(2, 0, 0), 1).unwrap();
    let text = m.to_text();
    assert_eq!(
        text,
        r#"{"v":1,"moves":true,"mrr":false,"cells":[[null,"b",2],["a",null,3]]}"#
    );
    assert_eq!(Tiers::from_text(&text).unwrap(), m);
    assert_eq!(Tiers::from_stored(&m.to_stored()).unwrap(), m);
    let empty = Tiers::new(false, false);
    assert_eq!(Tiers::from_text(&empty.to_text()).unwrap(), empty);
    assert_eq!(Tiers::from_stored(&empty.to_stored()).unwrap(), empty);
    // a huge MRR sum keeps its 38 digits
    let mut wide = Tiers::new(false, true);
    wide.add_cell(&key(None, Some("x")), cell(1, i128::MAX / 10, 3), 1)
        .unwrap();
    assert_eq!(Tiers::from_stored(&wide.to_stored()).unwrap(), wide);
    assert_eq!(Tiers::from_text(&wide.to_text()).unwrap(), wide);
}

#[test]
fn impossible_summaries_are_22p02() {
    let bad = |text: &str, why: &str| {
        let e = Tiers::from_text(text).unwrap_err();
        crate::text::assert_malformed(&e, "tiersummary", text, EXPECTED, why);
    };
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[[null,"a",0]]}"#,
        "a cell of 0 customers",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[["a","b",1]]}"#,
        "a before tier \"a\" in a tier_agg summary",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[[null,null,1]]}"#,
        "a cell without tiers",
    );
    bad(
        r#"{"v":1,"moves":true,"mrr":false,"cells":[[null,null,1]]}"#,
        "a cell without tiers",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":true,"cells":[[null,"a",1,-1.5]]}"#,
        "mrr -1.5 in a cell",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":true,"cells":[[null,"a",1]]}"#,
        "a cell of 3 values, expected 4",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[[null,"a",1],[null,"a",2]]}"#,
        "a cell repeated",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[[null,"a\u0000",1]]}"#,
        "NUL",
    );
    bad(
        r#"{"v":1,"moves":false,"mrr":false,"cells":[[null,"a",1.5]]}"#,
        "",
    );
    bad(r#"{"v":1,"moves":false,"cells":[]}"#, "mrr");
    // bytes: out of order, zero customers, bad flags, truncated
    let t = snapshot(&[("a", 1), ("b", 2)]);
    let mut bytes = t.to_stored();
    let stored_err = |b: &[u8]| Tiers::from_stored(b).unwrap_err().sqlstate();
    assert_eq!(stored_err(&bytes[..bytes.len() - 1]), "22P02");
    bytes[1] = 4;
    assert_eq!(stored_err(&bytes), "22P02");
    let swapped = {
        let mut w = Writer::new(VERSION).u8(0).varint(2);
        w = put_name(put_name(w, &None), &Some("b".into())).varint(1);
        w = put_name(put_name(w, &None), &Some("a".into())).varint(1);
        w.into_vec()
    };
    assert_eq!(stored_err(&swapped), "22P02");
    let zero = put_name(
        put_name(Writer::new(VERSION).u8(0).varint(1), &None),
        &Some("a".into()),
    )
    .varint(0)
    .into_vec();
    assert_eq!(stored_err(&zero), "22P02");
}

/// The stored form's faults, each named; of several, the one named is a fault of the bytes
/// (truncated, out of order, trailing) anywhere before a broken rule anywhere, and the first broken
/// rule in cell order, as when a stored summary was decoded whole before it was checked.
#[test]
fn stored_faults_are_named_in_order() {
    let err = |b: &[u8]| match Tiers::from_stored(b).unwrap_err() {
        KpiError::BadText(m) => m,
        e => panic!("{e:?}"),
    };
    // cells (before, after, customers) without MRR, of a tier_agg (flags 0) or tier_moves (1)
    let stored = |flags: u8, cells: &[(Option<&str>, Option<&str>, u64)]| {
        let mut w = Writer::new(VERSION).u8(flags).varint(cells.len() as u64);
        for (b, a, n) in cells {
            w = put_name(put_name(w, &b.map(str::to_string)), &a.map(str::to_string)).varint(*n);
        }
        w.into_vec()
    };
    let zero_then_before = stored(0, &[(None, Some("a"), 0), (Some("x"), Some("b"), 1)]);
    assert_eq!(
        err(&zero_then_before),
        "invalid tiersummary bytes: a cell of 0 customers"
    );
    let before_then_zero = stored(0, &[(Some("x"), Some("a"), 1), (Some("y"), Some("b"), 0)]);
    assert_eq!(
        err(&before_then_zero),
        "invalid tiersummary bytes: a before tier \"x\" in a tier_agg summary"
    );
    let mut zero_truncated = stored(0, &[(None, Some("a"), 0), (None, Some("b"), 1)]);
    zero_truncated.pop();
    assert_eq!(
        err(&zero_truncated),
        format!(
            "invalid tiersummary state: truncated at byte {}",
            zero_truncated.len()
        )
    );
    let mut zero_trailing = stored(0, &[(None, Some("a"), 0)]);
    zero_trailing.push(0);
    assert_eq!(
        err(&zero_trailing),
        format!(
            "invalid tiersummary state: expected {} bytes, got {}",
            zero_trailing.len() - 1,
            zero_trailing.len()
        )
    );
    let zero_then_unordered = stored(1, &[(None, Some("b"), 0), (None, Some("a"), 1)]);
    assert_eq!(
        err(&zero_then_unordered),
        "invalid tiersummary state: cells out of order"
    );
    let no_tiers = stored(1, &[(None, None, 1)]);
    assert_eq!(
        err(&no_tiers),
        "invalid tiersummary bytes: a cell without tiers"
    );
    let mut not_text = stored(0, &[(None, Some("a"), 1)]);
    not_text[5] = 0xff; // the name's one byte (after version, flags, count, two lengths)
    assert_eq!(
        err(&not_text),
        "invalid tiersummary state: a tier name that is not text"
    );
    let mut flags = stored(0, &[]);
    flags[1] = 4;
    assert_eq!(
        err(&flags),
        "invalid tiersummary state: flags 4 out of range"
    );
    let huge = stored(
        0,
        &[(None, Some("a"), i64::MAX as u64), (None, Some("b"), 1)],
    );
    assert_eq!(
        err(&huge),
        "invalid tiersummary bytes: customers out of range"
    );
    let too_many = stored(0, &[(None, Some("a"), i64::MAX as u64 + 1)]);
    assert_eq!(
        err(&too_many),
        "invalid tiersummary state: customers out of range"
    );
    // the moves' ok forms read back as written
    let ok = stored(
        1,
        &[
            (None, Some("a"), 2),
            (Some("a"), None, 1),
            (Some("a"), Some("b"), 3),
        ],
    );
    assert_eq!(Tiers::from_stored(&ok).unwrap().to_stored(), ok);
}
