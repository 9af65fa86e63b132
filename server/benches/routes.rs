//! `cargo bench -p server --bench routes`: route planning with the solver on generated days
//! of 60 and 500 stops around Shanghai (vans of 150 kg / 30 parcels; morning, afternoon and
//! all-day windows), each planned three times; the planned distance against the naive order's.
//! Writes its block of BENCHMARKS.md.

use server::fleet::solver::{generated_day, plan, Budget};
use shared::fleet::{naive_routes, tour_metres};
use std::time::Instant;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("the routes benchmark runs with `cargo bench -p server --bench routes`");
        return;
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut md = format!(
        "Measured by `cargo bench -p server --bench routes` on {cores} cores (release): each day planned three times \
         with the solver's budget for its size (`Budget::for_stops`); distances are the tours' great-circle metres.\n\n\
         | stops | vans | median time | slowest | planned distance | naive order | saved | unplanned |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for n in [60_usize, 500] {
        let (depot, stops, vans) = generated_day(n, 0x5eed + n as u64);
        let mut times = Vec::new();
        let mut p = Default::default();
        for _ in 0..3 {
            let t = Instant::now();
            p = match plan(depot, &stops, &vans, Budget::for_stops(n)) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("planning {n} stops failed: {e}");
                    return;
                }
            };
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let p: server::fleet::solver::Plan = p;
        let point = |id: i64| stops[(id - 1) as usize].point;
        let planned: f64 = p
            .routes
            .iter()
            .map(|(_, v)| tour_metres(depot, &v.iter().map(|s| point(s.0)).collect::<Vec<_>>()))
            .sum();
        let weights: Vec<i64> = stops.iter().map(|s| s.weight_grams).collect();
        let caps: Vec<(i64, i64)> = vans
            .iter()
            .map(|v| (v.max_weight_grams, v.max_parcels))
            .collect();
        let (naive, _) = naive_routes(&weights, &caps);
        let naive_m: f64 = naive
            .iter()
            .map(|r| {
                tour_metres(
                    depot,
                    &r.iter().map(|&i| stops[i].point).collect::<Vec<_>>(),
                )
            })
            .sum();
        let line = format!(
            "| {n} | {} | {:.2} s | {:.2} s | {:.1} km | {:.1} km | {:.0} % | {} |\n",
            vans.len(),
            times[1],
            times[2],
            planned / 1000.0,
            naive_m / 1000.0,
            (1.0 - planned / naive_m.max(1.0)) * 100.0,
            p.unassigned.len()
        );
        eprint!("{line}");
        md.push_str(&line);
    }
    storekeep_bench_block(&md);
}

/// Replaces the `routes` block of BENCHMARKS.md.
fn storekeep_bench_block(md: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let (start, end) = ("<!-- routes:start -->", "<!-- routes:end -->");
    let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
        eprintln!("BENCHMARKS.md has no routes block");
        return;
    };
    let out = format!("{}{start}\n{md}{}", &text[..a], &text[b..]);
    let _ = std::fs::write(&path, out);
}
