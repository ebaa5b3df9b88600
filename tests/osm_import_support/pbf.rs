//! A tiny OpenStreetMap PBF writer for hand-made test extracts: uncompressed blobs, plain
//! (not dense) nodes and ways, written from the format's protobuf definitions
//! (`fileformat.proto`, `osmformat.proto`). Just enough to drive the importer.

use std::path::Path;

/// A node: id, latitude and longitude in degrees, tags.
pub struct Node {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub tags: Vec<(&'static str, &'static str)>,
}

/// A way: id, node ids, tags.
pub struct Way {
    pub id: i64,
    pub refs: Vec<i64>,
    pub tags: Vec<(&'static str, &'static str)>,
}

/// Shorthand for an untagged node.
pub fn node(id: i64, lat: f64, lon: f64) -> Node {
    Node {
        id,
        lat,
        lon,
        tags: Vec::new(),
    }
}

/// Shorthand for a way.
pub fn way(id: i64, refs: &[i64], tags: &[(&'static str, &'static str)]) -> Way {
    Way {
        id,
        refs: refs.to_vec(),
        tags: tags.to_vec(),
    }
}

/// Writes `nodes` and `ways` as a PBF file at `path`.
pub fn write_pbf(path: &Path, nodes: &[Node], ways: &[Way]) {
    let mut file = Vec::new();
    let mut header_block = Vec::new();
    string_field(&mut header_block, 4, b"OsmSchema-V0.6");
    blob(&mut file, "OSMHeader", &header_block);
    blob(&mut file, "OSMData", &primitive_block(nodes, ways));
    std::fs::write(path, file).expect("write test PBF");
}

fn primitive_block(nodes: &[Node], ways: &[Way]) -> Vec<u8> {
    let mut strings: Vec<&str> = vec![""];
    let index = |s: &'static str, strings: &mut Vec<&'static str>| -> u64 {
        match strings.iter().position(|&t| t == s) {
            Some(i) => i as u64,
            None => {
                strings.push(s);
                (strings.len() - 1) as u64
            }
        }
    };
    let mut group = Vec::new();
    for n in nodes {
        let mut m = Vec::new();
        varint_field(&mut m, 1, zigzag(n.id));
        let keys: Vec<u64> = n.tags.iter().map(|t| index(t.0, &mut strings)).collect();
        let vals: Vec<u64> = n.tags.iter().map(|t| index(t.1, &mut strings)).collect();
        packed_field(&mut m, 2, &keys);
        packed_field(&mut m, 3, &vals);
        // Granularity 100 nanodegrees: the stored integer is degrees × 1e7.
        varint_field(&mut m, 8, zigzag((n.lat * 1e7).round() as i64));
        varint_field(&mut m, 9, zigzag((n.lon * 1e7).round() as i64));
        bytes_field(&mut group, 1, &m);
    }
    for w in ways {
        let mut m = Vec::new();
        varint_field(&mut m, 1, w.id as u64);
        let keys: Vec<u64> = w.tags.iter().map(|t| index(t.0, &mut strings)).collect();
        let vals: Vec<u64> = w.tags.iter().map(|t| index(t.1, &mut strings)).collect();
        packed_field(&mut m, 2, &keys);
        packed_field(&mut m, 3, &vals);
        let mut previous = 0;
        let deltas: Vec<u64> = w
            .refs
            .iter()
            .map(|&r| {
                let d = zigzag(r - previous);
                previous = r;
                d
            })
            .collect();
        packed_field(&mut m, 8, &deltas);
        bytes_field(&mut group, 3, &m);
    }
    let mut table = Vec::new();
    for s in &strings {
        bytes_field(&mut table, 1, s.as_bytes());
    }
    let mut block = Vec::new();
    bytes_field(&mut block, 1, &table);
    bytes_field(&mut block, 2, &group);
    block
}

fn blob(out: &mut Vec<u8>, kind: &str, data: &[u8]) {
    let mut blob = Vec::new();
    bytes_field(&mut blob, 1, data); // raw, uncompressed
    varint_field(&mut blob, 2, data.len() as u64);
    let mut header = Vec::new();
    string_field(&mut header, 1, kind.as_bytes());
    varint_field(&mut header, 3, blob.len() as u64);
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&blob);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn varint_field(out: &mut Vec<u8>, field: u64, v: u64) {
    varint(out, field << 3);
    varint(out, v);
}

fn bytes_field(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    varint(out, (field << 3) | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn string_field(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    bytes_field(out, field, bytes);
}

fn packed_field(out: &mut Vec<u8>, field: u64, values: &[u64]) {
    if values.is_empty() {
        return;
    }
    let mut packed = Vec::new();
    for &v in values {
        varint(&mut packed, v);
    }
    bytes_field(out, field, &packed);
}
