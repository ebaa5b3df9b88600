//! Compares an import with the CSVs in `../shared/data/roads/<area>/` that were made from
//! the same extract, printing the figures and asserting that they agree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folder of a shared road network, or `None` (after printing a notice) when
/// `../shared` is absent on this machine.
pub fn shared_network(area: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/roads")
        .join(area);
    if dir.join("edges.csv").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the comparison needs ../shared)",
            dir.display()
        );
        None
    }
}

/// One row of `edges.csv`: the seven columns of the shared format, as text.
pub type Row = Vec<String>;

/// `nodes.csv` as id → (lat, lon) text.
pub fn read_nodes(path: &Path) -> BTreeMap<i64, (String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["node_id", "lat", "lon"]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].parse().unwrap(), (r[1].to_owned(), r[2].to_owned()))
        })
        .collect()
}

/// The seven columns every `edges.csv` of `../shared/data/roads/` starts with, written out
/// here (not taken from the library) so the tests state the format independently.
pub const SHARED_EDGE_COLUMNS: [&str; 7] = [
    "from",
    "to",
    "length_m",
    "highway",
    "oneway",
    "maxspeed_kmh",
    "name",
];

/// The seven shared columns of every row of `edges.csv`, in file order.
pub fn read_edges(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().take(7).collect::<Vec<_>>(),
        SHARED_EDGE_COLUMNS
    );
    reader
        .records()
        .map(|r| r.unwrap().iter().take(7).map(str::to_owned).collect())
        .collect()
}

fn km_by_class(rows: &[Row]) -> BTreeMap<String, f64> {
    let mut km = BTreeMap::new();
    for r in rows {
        *km.entry(r[3].clone()).or_insert(0.0) += r[2].parse::<f64>().unwrap() / 1000.0;
    }
    km
}

/// Asserts that the import in `ours` agrees with the shared CSVs in `shared`: node count
/// and coordinates, arc count, km per highway class (within 1 m), the multiset of
/// `(from, to, oneway)`, and finally every row's seven shared columns in order.
pub fn assert_matches_shared(area: &str, ours: &Path, shared: &Path) {
    let (our_nodes, our_rows) = (
        read_nodes(&ours.join("nodes.csv")),
        read_edges(&ours.join("edges.csv")),
    );
    let (ref_nodes, ref_rows) = (
        read_nodes(&shared.join("nodes.csv")),
        read_edges(&shared.join("edges.csv")),
    );
    eprintln!(
        "{area}: nodes {} (shared {}), arcs {} (shared {})",
        our_nodes.len(),
        ref_nodes.len(),
        our_rows.len(),
        ref_rows.len()
    );
    assert_eq!(our_nodes.len(), ref_nodes.len(), "{area}: node count");
    assert_eq!(our_rows.len(), ref_rows.len(), "{area}: arc count");
    assert!(
        our_nodes == ref_nodes,
        "{area}: node ids or coordinates differ"
    );

    let (km_ours, km_ref) = (km_by_class(&our_rows), km_by_class(&ref_rows));
    assert_eq!(
        km_ours.keys().collect::<Vec<_>>(),
        km_ref.keys().collect::<Vec<_>>(),
        "{area}: highway classes"
    );
    for (class, km) in &km_ref {
        eprintln!("  {class:15} {:10.3} km (shared {km:10.3})", km_ours[class]);
        assert!(
            (km_ours[class] - km).abs() < 0.001,
            "{area} {class}: length"
        );
    }

    let pairs = |rows: &[Row]| {
        let mut count: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for r in rows {
            *count
                .entry((r[0].clone(), r[1].clone(), r[4].clone()))
                .or_default() += 1;
        }
        count
    };
    let (p_ours, p_ref) = (pairs(&our_rows), pairs(&ref_rows));
    let common: usize = p_ref
        .iter()
        .map(|(k, n)| (*n).min(p_ours.get(k).copied().unwrap_or(0)))
        .sum();
    eprintln!(
        "  (from, to, oneway) in common: {common} of {} (shared) / {} (ours)",
        ref_rows.len(),
        our_rows.len()
    );
    assert_eq!(common, ref_rows.len(), "{area}: arcs differ");

    let differing: BTreeSet<usize> = (0..ref_rows.len())
        .filter(|&i| our_rows[i] != ref_rows[i])
        .collect();
    if let Some(&first) = differing.first() {
        panic!(
            "{area}: {} rows differ in the shared columns; first at data row {}: ours {:?}, shared {:?}",
            differing.len(),
            first + 1,
            our_rows[first],
            ref_rows[first]
        );
    }
    eprintln!(
        "  all {} rows equal on the seven shared columns",
        ref_rows.len()
    );
}
