//! The importer on the larger extracts in `../shared/data/roads/`, compared with the CSVs
//! made from them. Slow in a debug build (Porto: 270k nodes), so ignored by default:
//! `cargo test --release --test osm_import_shared -- --ignored`. Each skips with a notice
//! when `../shared` is absent.

mod osm_import_support;

use osm_import_support::compare;
use wasteroute::road::osm::import_osm_pbf;

fn import_and_compare(area: &str, pbf: &str) {
    let Some(shared) = compare::shared_network(area) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    import_osm_pbf(&shared.join(pbf), dir.path()).unwrap();
    compare::assert_matches_shared(area, dir.path(), &shared);
}

#[test]
#[ignore = "reads ../shared; slow in debug builds"]
fn andorra_matches_the_shared_csvs() {
    import_and_compare("andorra", "andorra.osm.pbf");
}

#[test]
#[ignore = "reads ../shared; slow in debug builds"]
fn isle_of_man_matches_the_shared_csvs() {
    import_and_compare("isle_of_man", "isle-of-man.osm.pbf");
}

#[test]
#[ignore = "reads ../shared; slow in debug builds"]
fn porto_matches_the_shared_csvs() {
    import_and_compare("porto", "porto.osm.pbf");
}
