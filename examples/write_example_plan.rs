//! Writes the example plan's four files into a directory (default `example-plan/`), to
//! look at the writers' output without a scenario: `cargo run --example write_example_plan -- DIR`.

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example-plan".into());
    let doc = wasteroute::output::PlanDocument::example();
    for path in wasteroute::output::write_plan_dir(std::path::Path::new(&dir), &doc)? {
        println!("{}", path.display());
    }
    Ok(())
}
