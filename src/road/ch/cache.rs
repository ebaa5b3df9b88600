//! A contraction hierarchy saved on disk, so that a repeated plan on the same roads reads
//! the hierarchy back (a fraction of a second) instead of contracting again (seconds on a
//! city).
//!
//! The file is keyed by a BLAKE3 hash of the arcs the hierarchy is built from. The
//! network's CSVs, the speed table and the vehicle profile decide those arcs exactly, so a
//! change to any of them gives a new key, and the same inputs always find their file.
//! [`CONTRACTION_VERSION`] is part of the key too: the cache holds exactly what this
//! build's contraction would make, so plans are byte for byte the same with or without it
//! (paths of equal weight unpack the same way).
//!
//! Where: the folder named by `WASTEROUTE_CH_CACHE` (`off` turns the cache off), else a
//! `.wasteroute-cache/` folder beside the network's `nodes.csv` unless that folder is
//! marked read-only, else `$XDG_CACHE_HOME/wasteroute` or `~/.cache/wasteroute`. Files are written to a
//! temporary name and renamed, so concurrent runs never see half a file. A file that is
//! damaged (checksum, lengths or any invariant of the hierarchy) is ignored and replaced.

use super::ContractionHierarchy;
use super::bytes::{Reader, Writer};
use super::upward_graph::UpwardGraph;
use crate::road::ArcList;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bumped whenever contraction could order nodes or add shortcuts differently, so that
/// old files are never read as this build's hierarchy.
pub const CONTRACTION_VERSION: u32 = 1;

/// The first bytes of a cache file (format version in the last byte).
const MAGIC: [u8; 8] = *b"wrch\0\0\0\x01";

/// Environment variable naming the cache folder, or `off`.
pub const CACHE_ENV: &str = "WASTEROUTE_CH_CACHE";

/// Where hierarchies are looked up and stored, in order of preference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChCache {
    dirs: Vec<PathBuf>,
}

/// What [`ContractionHierarchy::build_cached`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Read from this file.
    Hit(PathBuf),
    /// Contracted and saved to this file.
    Stored(PathBuf),
    /// Contracted; no folder could take the file (the last error).
    NotStored(String),
    /// Contracted; the cache is off.
    Disabled,
}

impl CacheOutcome {
    /// True when contraction was skipped.
    pub fn is_hit(&self) -> bool {
        matches!(self, CacheOutcome::Hit(_))
    }
}

impl fmt::Display for CacheOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CacheOutcome::Hit(p) => write!(f, "read from {}", p.display()),
            CacheOutcome::Stored(p) => write!(f, "contracted, saved to {}", p.display()),
            CacheOutcome::NotStored(e) => write!(f, "contracted, not saved ({e})"),
            CacheOutcome::Disabled => write!(f, "contracted ({CACHE_ENV}=off)"),
        }
    }
}

impl ChCache {
    /// No cache: every hierarchy is contracted.
    pub fn disabled() -> ChCache {
        ChCache::default()
    }

    /// Exactly one folder.
    pub fn in_dir(dir: impl Into<PathBuf>) -> ChCache {
        ChCache {
            dirs: vec![dir.into()],
        }
    }

    /// The cache for a network whose `nodes.csv` is in `network_dir`, following
    /// `WASTEROUTE_CH_CACHE` (see the module's documentation).
    pub fn for_network(network_dir: &Path) -> ChCache {
        match std::env::var_os(CACHE_ENV) {
            Some(v) if v == "off" => return ChCache::disabled(),
            Some(v) if !v.is_empty() => return ChCache::in_dir(PathBuf::from(v)),
            _ => {}
        }
        let mut dirs = Vec::new();
        // A network folder marked read-only (as the shared data is) is never written
        // into, even by root, whom the file system would let.
        if std::fs::metadata(network_dir).is_ok_and(|m| !m.permissions().readonly()) {
            dirs.push(network_dir.join(".wasteroute-cache"));
        }
        let user = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
        if let Some(u) = user {
            dirs.push(u.join("wasteroute"));
        }
        ChCache { dirs }
    }

    /// True when the cache is off.
    pub fn is_disabled(&self) -> bool {
        self.dirs.is_empty()
    }
}

/// The key of a hierarchy: a hash of everything contraction reads.
pub fn key(list: &ArcList) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"wasteroute contraction hierarchy");
    h.update(&CONTRACTION_VERSION.to_le_bytes());
    h.update(&list.num_nodes.to_le_bytes());
    h.update(&(list.arcs.len() as u64).to_le_bytes());
    let mut buf = Vec::with_capacity(24 * 4096);
    for chunk in list.arcs.chunks(4096) {
        buf.clear();
        for a in chunk {
            buf.extend_from_slice(&a.from.0.to_le_bytes());
            buf.extend_from_slice(&a.to.0.to_le_bytes());
            buf.extend_from_slice(&a.weight.time_ms.to_le_bytes());
            buf.extend_from_slice(&a.weight.length_mm.to_le_bytes());
        }
        h.update(&buf);
    }
    *h.finalize().as_bytes()
}

fn file_name(key: &[u8; 32]) -> String {
    let hex: String = key[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("ch-{hex}.bin")
}

impl ContractionHierarchy {
    /// The hierarchy of `list`, read from `cache` when a valid file is there, else
    /// contracted and saved for next time.
    pub fn build_cached(list: &ArcList, cache: &ChCache) -> (ContractionHierarchy, CacheOutcome) {
        if cache.is_disabled() {
            return (ContractionHierarchy::build(list), CacheOutcome::Disabled);
        }
        let key = key(list);
        let name = file_name(&key);
        for dir in &cache.dirs {
            let path = dir.join(&name);
            if let Ok(bytes) = std::fs::read(&path)
                && let Some(ch) = decode(&bytes, &key, list.num_nodes as usize)
            {
                return (ch, CacheOutcome::Hit(path));
            }
        }
        let ch = ContractionHierarchy::build(list);
        let bytes = encode(&ch, &key);
        let mut last_error = String::from("no cache folder");
        for dir in &cache.dirs {
            match store(dir, &name, &bytes) {
                Ok(path) => return (ch, CacheOutcome::Stored(path)),
                Err(e) => last_error = format!("{}: {e}", dir.display()),
            }
        }
        (ch, CacheOutcome::NotStored(last_error))
    }
}

/// Writes `bytes` as `dir/name` all or nothing.
fn store(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let path = dir.join(name);
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}

/// The file: magic, key, checksum of the payload, payload.
fn encode(ch: &ContractionHierarchy, key: &[u8; 32]) -> Vec<u8> {
    let mut payload = Writer::default();
    payload.u32s(&ch.order);
    ch.forward.write(&mut payload);
    ch.backward.write(&mut payload);
    let checksum = blake3::hash(&payload.bytes);
    let mut out = Vec::with_capacity(8 + 32 + 32 + payload.bytes.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(key);
    out.extend_from_slice(checksum.as_bytes());
    out.extend_from_slice(&payload.bytes);
    out
}

/// The hierarchy in `bytes`, or `None` when they are not exactly a valid hierarchy of
/// `key` over `n` nodes.
fn decode(bytes: &[u8], key: &[u8; 32], n: usize) -> Option<ContractionHierarchy> {
    let mut r = Reader::new(bytes);
    if r.array::<8>().ok()? != MAGIC || &r.array::<32>().ok()? != key {
        return None;
    }
    let checksum = r.array::<32>().ok()?;
    let payload = &bytes[8 + 32 + 32..];
    if blake3::hash(payload).as_bytes() != &checksum {
        return None;
    }
    let mut r = Reader::new(payload);
    let order = r.u32s().ok()?;
    if order.len() != n {
        return None;
    }
    // `order` must be a permutation of the nodes; `rank` is its inverse.
    let mut rank = vec![u32::MAX; n];
    for (r, &node) in order.iter().enumerate() {
        let slot = rank.get_mut(node as usize)?;
        if *slot != u32::MAX {
            return None;
        }
        *slot = r as u32;
    }
    let forward = UpwardGraph::read(&mut r, n).ok()?;
    let backward = UpwardGraph::read(&mut r, n).ok()?;
    if !r.is_empty() {
        return None;
    }
    Some(ContractionHierarchy {
        rank,
        order,
        forward,
        backward,
        pool: Mutex::new(Vec::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::road::{Arc, ArcWeight, NodeIdx};

    /// A small grid with one-way streets, enough for shortcuts.
    fn grid() -> ArcList {
        let side = 6u32;
        let mut arcs = Vec::new();
        for y in 0..side {
            for x in 0..side {
                let v = y * side + x;
                let w = |m: u64| ArcWeight {
                    time_ms: m * 1000 + u64::from(v % 3),
                    length_mm: m * 10_000,
                };
                if x + 1 < side {
                    arcs.push((v, v + 1, w(7)));
                    if y % 2 == 0 {
                        arcs.push((v + 1, v, w(9)));
                    }
                }
                if y + 1 < side {
                    arcs.push((v, v + side, w(5)));
                    arcs.push((v + side, v, w(6)));
                }
            }
        }
        arcs.sort_by_key(|&(f, t, _)| (f, t));
        ArcList {
            num_nodes: side * side,
            arcs: arcs
                .into_iter()
                .map(|(f, t, weight)| Arc {
                    from: NodeIdx(f),
                    to: NodeIdx(t),
                    weight,
                })
                .collect(),
        }
    }

    fn same(a: &ContractionHierarchy, b: &ContractionHierarchy) -> bool {
        a.rank == b.rank
            && a.order == b.order
            && a.forward.num_arcs() == b.forward.num_arcs()
            && encode(a, &[0; 32]) == encode(b, &[0; 32])
    }

    #[test]
    fn a_second_build_reads_the_file_and_gets_the_same_hierarchy() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ChCache::in_dir(dir.path());
        let list = grid();
        let (built, first) = ContractionHierarchy::build_cached(&list, &cache);
        assert!(matches!(first, CacheOutcome::Stored(_)), "{first}");
        let (read, second) = ContractionHierarchy::build_cached(&list, &cache);
        assert!(second.is_hit(), "{second}");
        assert!(same(&built, &read));
    }

    #[test]
    fn another_arc_weight_is_another_key() {
        let list = grid();
        let mut slower = list.clone();
        slower.arcs[3].weight.time_ms += 1;
        assert_ne!(key(&list), key(&slower));
        assert_eq!(key(&list), key(&grid()));
    }

    #[test]
    fn every_damaged_byte_or_truncation_is_rejected_and_replaced() {
        let list = grid();
        let ch = ContractionHierarchy::build(&list);
        let k = key(&list);
        let good = encode(&ch, &k);
        let n = list.num_nodes as usize;
        assert!(decode(&good, &k, n).is_some());
        for cut in [0, 7, 40, 72, good.len() / 2, good.len() - 1] {
            assert!(decode(&good[..cut], &k, n).is_none(), "cut at {cut}");
        }
        for i in (0..good.len()).step_by(7) {
            let mut bad = good.clone();
            bad[i] ^= 0x40;
            assert!(decode(&bad, &k, n).is_none(), "byte {i} flipped");
        }
        // A damaged file on disk is rebuilt and overwritten.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name(&k));
        std::fs::write(&path, &good[..good.len() / 2]).unwrap();
        let (_, outcome) = ContractionHierarchy::build_cached(&list, &ChCache::in_dir(dir.path()));
        assert_eq!(outcome, CacheOutcome::Stored(path.clone()));
        assert_eq!(std::fs::read(&path).unwrap(), good);
    }

    #[test]
    fn a_payload_with_a_valid_checksum_but_broken_invariants_is_rejected() {
        let list = grid();
        let ch = ContractionHierarchy::build(&list);
        let k = key(&list);
        let mut payload = Writer::default();
        // Two nodes with the same rank.
        let mut order = ch.order.clone();
        order[1] = order[0];
        payload.u32s(&order);
        ch.forward.write(&mut payload);
        ch.backward.write(&mut payload);
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&k);
        bytes.extend_from_slice(blake3::hash(&payload.bytes).as_bytes());
        bytes.extend_from_slice(&payload.bytes);
        assert!(decode(&bytes, &k, list.num_nodes as usize).is_none());
    }

    #[test]
    fn a_network_folder_marked_read_only_is_never_a_cache_folder() {
        use std::os::unix::fs::PermissionsExt;
        if std::env::var_os(CACHE_ENV).is_some() {
            return; // the environment chooses the folder; nothing of the network's to test
        }
        let dir = tempfile::tempdir().unwrap();
        let beside = dir.path().join(".wasteroute-cache");
        assert!(ChCache::for_network(dir.path()).dirs.contains(&beside));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let cache = ChCache::for_network(dir.path());
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(!cache.dirs.contains(&beside), "{cache:?}");
    }

    #[test]
    fn an_unwritable_folder_falls_through_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"not a folder").unwrap();
        let cache = ChCache {
            dirs: vec![file.join("sub"), dir.path().join("ok")],
        };
        let (_, outcome) = ContractionHierarchy::build_cached(&grid(), &cache);
        assert!(
            matches!(&outcome, CacheOutcome::Stored(p) if p.starts_with(dir.path().join("ok"))),
            "{outcome}"
        );
        let (_, none) = ContractionHierarchy::build_cached(
            &grid(),
            &ChCache {
                dirs: vec![file.join("sub")],
            },
        );
        assert!(matches!(none, CacheOutcome::NotStored(_)), "{none}");
    }
}
