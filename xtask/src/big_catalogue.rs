//! `cargo xtask bench big-catalogue`: `storekeep seed --products 100000` on SQLite and on
//! PostgreSQL (timed), then the listing, a category with its facets and searches under wrk,
//! once answered from the catalogue cache and once with it switched off (every request to
//! the database). Figures go into BENCHMARKS.md.

use crate::bench::{free_port, parse_wrk, replace_block, start_server_with, wait_ready, wrk};
use crate::target_dir;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const PRODUCTS: u64 = 100_000;

const ROUTES: [(&str, &str); 4] = [
    ("listing, 24 a page", "/api/v1/store/products?page_size=24"),
    (
        "a category, newest first",
        "/api/v1/store/products?category=t-shirts&sort=newest&page_size=24",
    ),
    (
        "search 羽绒 with facets",
        "/api/v1/store/search?q=%E7%BE%BD%E7%BB%92",
    ),
    (
        "search \"light cotton\" with facets",
        "/api/v1/store/search?q=light%20cotton",
    ),
];

struct Row {
    route: &'static str,
    cached: (f64, f64),
    database: (f64, f64, f64),
    /// One request alone, from the database: the median of five, in ms.
    alone_ms: f64,
}

pub fn run(bench_dir: &Path, pg: &str) -> Result<()> {
    let mut md = format!(
        "<!-- big-catalogue:start -->\nMeasured by `cargo xtask bench big-catalogue` on {}: `storekeep seed --products {PRODUCTS}` (release build), then wrk as in the table above (server on core 0, wrk `-c32` on core 1, 5 s a route), first with the catalogue cache, then with `STOREKEEP_CATALOG_CACHE=off` (every request asks the database).\n",
        crate::bench::machine()
    );
    let sqlite = bench_dir.join("big.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    md.push_str(&section(
        "SQLite",
        &format!("sqlite://{}", sqlite.display()),
    )?);
    if crate::bench::ok_pg(pg) {
        let base = pg.rsplit_once('/').map_or(pg, |(b, _)| b);
        let ok = Command::new("psql")
            .arg(pg)
            .args([
                "-q",
                "-c",
                "DROP DATABASE IF EXISTS storekeep_big",
                "-c",
                "CREATE DATABASE storekeep_big",
            ])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            md.push_str(&section("PostgreSQL", &format!("{base}/storekeep_big"))?);
        }
    }
    md.push_str("<!-- big-catalogue:end -->");
    replace_block("big-catalogue", &md)
}

fn section(name: &str, database_url: &str) -> Result<String> {
    let bin = target_dir().join("release").join("storekeep");
    let started = Instant::now();
    let status = Command::new(&bin)
        .args(["seed", "--products", &PRODUCTS.to_string()])
        .env("STOREKEEP_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .context("seeding the big catalogue")?;
    anyhow::ensure!(status.success(), "storekeep seed --products failed");
    let seeded = started.elapsed().as_secs_f64();
    eprintln!("{name}: {PRODUCTS} products seeded in {seeded:.1} s");
    let mut rows: Vec<Row> = ROUTES
        .iter()
        .map(|(route, _)| Row {
            route,
            cached: (0.0, 0.0),
            database: (0.0, 0.0, 0.0),
            alone_ms: 0.0,
        })
        .collect();
    for cache in [true, false] {
        let port = free_port()?;
        let env = [("STOREKEEP_CATALOG_CACHE", if cache { "on" } else { "off" })];
        let mut server = start_server_with(database_url, port, &env)?;
        let measured = wait_ready(&mut server, port).and_then(|()| {
            for (row, (route, path)) in rows.iter_mut().zip(ROUTES) {
                let url = format!("http://127.0.0.1:{port}{path}");
                if !cache {
                    row.alone_ms = alone_ms(port, path);
                }
                wrk(&url, "1s", None)?;
                let out = wrk(&url, "5s", None)?;
                let f = parse_wrk(route, &out).with_context(|| format!("reading wrk:\n{out}"))?;
                eprintln!(
                    "  {route:<36} cache {cache:<5} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms",
                    f.rps, f.p50_ms, f.p99_ms
                );
                if cache {
                    row.cached = (f.rps, f.p99_ms);
                } else {
                    row.database = (f.rps, f.p50_ms, f.p99_ms);
                }
            }
            Ok(())
        });
        let _ = server.kill();
        let _ = server.wait();
        measured?;
    }
    let mut md = format!(
        "\n**{name}** — seeding {PRODUCTS} products took {seeded:.0} s.\n\n| route | cached req/s | cached p99 | database: one request alone | database req/s (32 at once) | database p50 | database p99 |\n|---|---:|---:|---:|---:|---:|---:|\n"
    );
    for r in rows {
        md.push_str(&format!(
            "| {} | {:.0} | {:.2} ms | {:.0} ms | {:.0} | {:.0} ms | {:.0} ms |\n",
            r.route, r.cached.0, r.cached.1, r.alone_ms, r.database.0, r.database.1, r.database.2
        ));
    }
    Ok(md)
}

/// The median time of five requests for `path`, one after the other (until the status line).
fn alone_ms(port: u16, path: &str) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let _ = crate::bench::get_status(port, path);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}
