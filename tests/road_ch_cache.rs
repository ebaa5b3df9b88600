//! The contraction-hierarchy cache seen from the command line: a repeated plan reads the
//! hierarchy back, says so, and writes exactly the plan it writes without the cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan(out: &Path, cache: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasteroute"))
        .arg("plan")
        .arg(root().join("data/sample/scenario.toml"))
        .arg("--out")
        .arg(out)
        .args(["--iterations", "30", "--seed", "5", "--time-limit", "900"])
        .env("WASTEROUTE_CH_CACHE", cache)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_repeated_plan_reads_the_hierarchies_back_and_plans_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    let first = plan(&tmp.path().join("a"), cache_arg);
    assert!(first.status.code().unwrap() <= 1, "{}", stderr(&first));
    assert!(
        stderr(&first).contains("\ncontraction: "),
        "{}",
        stderr(&first)
    );
    // One file per road profile of the sample (compactor, small).
    let files = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(files, 2);

    let second = plan(&tmp.path().join("b"), cache_arg);
    assert!(
        stderr(&second).contains("contraction (from cache): "),
        "{}",
        stderr(&second)
    );
    let off = plan(&tmp.path().join("c"), "off");
    assert!(stderr(&off).contains("\ncontraction: "), "{}", stderr(&off));
    let read = |d: &str| std::fs::read(tmp.path().join(d).join("plan.json")).unwrap();
    assert_eq!(read("a"), read("b"), "cached hierarchy changed the plan");
    assert_eq!(read("a"), read("c"), "the cache changed the plan");
}

#[test]
fn a_damaged_cache_file_is_replaced_and_the_plan_is_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    let first = plan(&tmp.path().join("a"), cache_arg);
    assert!(first.status.code().unwrap() <= 1, "{}", stderr(&first));
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    }
    let second = plan(&tmp.path().join("b"), cache_arg);
    assert!(second.status.code().unwrap() <= 1, "{}", stderr(&second));
    assert!(
        stderr(&second).contains("\ncontraction: "),
        "a damaged file is not read: {}",
        stderr(&second)
    );
    let third = plan(&tmp.path().join("c"), cache_arg);
    assert!(
        stderr(&third).contains("contraction (from cache): "),
        "the damaged file was replaced: {}",
        stderr(&third)
    );
    let read = |d: &str| std::fs::read(tmp.path().join(d).join("plan.json")).unwrap();
    assert_eq!(read("a"), read("b"));
    assert_eq!(read("a"), read("c"));
}
