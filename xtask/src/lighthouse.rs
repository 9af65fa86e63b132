//! `cargo xtask lighthouse`: Lighthouse (npm, with Debian's Chromium) against the release
//! build on a spawned server, as a phone on a slow network sees the shop (Lighthouse's mobile
//! defaults: simulated slow 4G, 4× CPU slowdown). Prints performance, LCP, TBT, CLS and the
//! bytes each page downloads, and writes them into BENCHMARKS.md. A benchmark: it never fails
//! on a number.

use crate::bench::{free_port, start_server, wait_ready};
use crate::{setup, site, target_dir, Profile};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// The Lighthouse release used (npm).
const LIGHTHOUSE_VERSION: &str = "12.8.2";

const PAGES: [(&str, &str); 8] = [
    ("home (zh-CN)", "/"),
    ("home (en)", "/en"),
    ("category (zh-CN)", "/categories/t-shirts"),
    ("category (en)", "/en/categories/t-shirts"),
    ("product (zh-CN)", "/products/cotton-crew-neck-tee"),
    ("product (en)", "/en/products/cotton-crew-neck-tee"),
    ("search (zh-CN)", "/search?q=%E7%BE%BD%E7%BB%92"),
    ("search (en)", "/en/search?q=down"),
];

struct Score {
    page: &'static str,
    performance: f64,
    fcp_ms: f64,
    lcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    script_kb: f64,
    /// What Lighthouse counts as "other": the WASM bundle (fetched, not a script).
    other_kb: f64,
    total_kb: f64,
}

pub fn run() -> Result<()> {
    setup::toolchain()?;
    setup::browser()?;
    let lighthouse = install()?;
    site::build(Profile::Release)?;
    site::build_server(Profile::Release)?;
    let dir = target_dir().join("lighthouse");
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("lighthouse.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let port = free_port()?;
    let mut server = start_server(&format!("sqlite://{}", db.display()), port)?;
    let measured = wait_ready(&mut server, port).and_then(|()| {
        PAGES
            .iter()
            .map(|(page, path)| {
                measure(
                    &lighthouse,
                    &dir,
                    page,
                    &format!("http://127.0.0.1:{port}{path}"),
                )
            })
            .collect::<Result<Vec<_>>>()
    });
    let _ = server.kill();
    let _ = server.wait();
    let scores = measured?;
    write_report(&scores)
}

/// npm's Lighthouse in `.tools/`, installed on first use.
fn install() -> Result<PathBuf> {
    setup::npm_tool("lighthouse", LIGHTHOUSE_VERSION, "lighthouse")
}

fn measure(
    lighthouse: &PathBuf,
    dir: &std::path::Path,
    page: &'static str,
    url: &str,
) -> Result<Score> {
    let out = dir.join(format!("{}.json", page.replace([' ', '(', ')'], "")));
    eprintln!("$ lighthouse {url}");
    let status = Command::new(lighthouse)
        .arg(url)
        .args([
            "--only-categories=performance",
            "--output=json",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ])
        .arg(format!("--output-path={}", out.display()))
        .env("CHROME_PATH", chromium())
        .status()
        .context("running lighthouse")?;
    anyhow::ensure!(status.success(), "lighthouse failed on {url}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    let audit = |name: &str| {
        report["audits"][name]["numericValue"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let resources = report["audits"]["resource-summary"]["details"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let kb = |kind: &str| {
        resources
            .iter()
            .find(|r| r["resourceType"] == kind)
            .and_then(|r| r["transferSize"].as_f64())
            .unwrap_or(0.0)
            / 1024.0
    };
    let score = Score {
        page,
        performance: report["categories"]["performance"]["score"]
            .as_f64()
            .unwrap_or(0.0)
            * 100.0,
        fcp_ms: audit("first-contentful-paint"),
        lcp_ms: audit("largest-contentful-paint"),
        tbt_ms: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
        script_kb: kb("script"),
        other_kb: kb("other"),
        total_kb: kb("total"),
    };
    eprintln!(
        "  {:<18} performance {:>3.0}  FCP {:>5.0} ms  LCP {:>5.0} ms  TBT {:>4.0} ms  CLS {:.3}  JS {:>4.0} KB  WASM {:>4.0} KB  all {:>4.0} KB",
        score.page, score.performance, score.fcp_ms, score.lcp_ms, score.tbt_ms, score.cls, score.script_kb, score.other_kb, score.total_kb
    );
    Ok(score)
}

/// Debian's Chromium (the browser the tests use).
fn chromium() -> String {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map_or_else(|| "chromium".to_string(), |p| (*p).to_string())
}

fn write_report(scores: &[Score]) -> Result<()> {
    let mut md = format!(
        "<!-- lighthouse:start -->\nMeasured by `cargo xtask lighthouse` (Lighthouse {LIGHTHOUSE_VERSION}, mobile defaults: simulated slow 4G, 4× CPU slowdown; Debian's Chromium, headless) against the release build on SQLite with the demo shop, on {}. Transfer sizes as Lighthouse counts them (compressed, headers included).\n\n| page | performance | FCP | LCP | TBT | CLS | JS | WASM | all bytes |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        crate::bench::machine()
    );
    for s in scores {
        md.push_str(&format!(
            "| {} | {:.0} | {:.2} s | {:.2} s | {:.0} ms | {:.3} | {:.0} KB | {:.0} KB | {:.0} KB |\n",
            s.page,
            s.performance,
            s.fcp_ms / 1000.0,
            s.lcp_ms / 1000.0,
            s.tbt_ms,
            s.cls,
            s.script_kb,
            s.other_kb,
            s.total_kb
        ));
    }
    md.push_str("<!-- lighthouse:end -->");
    crate::bench::replace_block("lighthouse", &md)
}
