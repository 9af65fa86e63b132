//! Load benchmarks with wrk against the release server, on SQLite and on PostgreSQL.
//! Each heavy route is measured next to a trivial route of the same binary in the same run,
//! so the ratio means something on any machine. Figures are written into BENCHMARKS.md.

use crate::{on_path, root, site, site_dir, target_dir, Profile};
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ROUTES: [(&str, &str); 6] = [
    ("trivial: GET /healthz", "/healthz"),
    (
        "API: GET /api/v1/store/products?page_size=24",
        "/api/v1/store/products?page_size=24",
    ),
    (
        "API: GET /api/v1/store/products/{slug}",
        "/api/v1/store/products/cotton-crew-neck-tee",
    ),
    (
        "API: GET /api/v1/store/search?q=羽绒",
        "/api/v1/store/search?q=%E7%BE%BD%E7%BB%92",
    ),
    ("SSR: product page", "/products/cotton-crew-neck-tee"),
    ("SSR: home page", "/"),
];
const DURATION: &str = "10s";
const CONNECTIONS: u32 = 32;

pub struct Figure {
    pub route: &'static str,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// p99 at half the rate `rps` (each connection paced by wrk's `delay()`).
    p99_half_ms: f64,
}

/// `parts`: any of `routes`, `checkout`, `big-catalogue`, `back-office` (all when empty).
pub fn run(parts: &[String]) -> Result<()> {
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|p| p == part);
    if !on_path("wrk") {
        crate::setup::install_debian(&["wrk"])?;
    }
    crate::setup::toolchain()?;
    // the pages need the site; the other parts only the server
    if wanted("routes") {
        site::build(Profile::Release)?;
    }
    site::build_server(Profile::Release)?;
    let bench_dir = target_dir().join("bench");
    std::fs::create_dir_all(&bench_dir)?;

    let pg = std::env::var("STOREKEEP_TEST_DATABASE_URL")
        .unwrap_or_else(|_| crate::test::DEFAULT_TEST_PG.to_string());
    if wanted("routes") {
        routes(&bench_dir, &pg)?;
    }
    // orders per second, statements per order, search latency (both databases)
    if wanted("checkout") {
        let mut cmd = crate::cargo();
        cmd.args(["bench", "-p", "storekeep-tests", "--bench", "checkout"]);
        if !ok_pg(&pg) {
            cmd.env("STOREKEEP_TEST_DATABASE_URL", "skip");
        }
        crate::run_cmd(&mut cmd)?;
    }
    // listing, facets and search on 100,000 products, from the cache and from the database
    if wanted("big-catalogue") {
        crate::big_catalogue::run(&bench_dir, &pg)?;
    }
    // the dashboard on 100,000 orders, the CSV import (both databases)
    if wanted("back-office") {
        let mut cmd = crate::cargo();
        cmd.args(["bench", "-p", "storekeep-tests", "--bench", "back_office"]);
        if !ok_pg(&pg) {
            cmd.env("STOREKEEP_TEST_DATABASE_URL", "skip");
        }
        crate::run_cmd(&mut cmd)?;
    }
    Ok(())
}

/// The page and API routes under wrk, on SQLite and PostgreSQL.
fn routes(bench_dir: &std::path::Path, pg: &str) -> Result<()> {
    let mut sections = Vec::new();
    let sqlite = bench_dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    sections.push((
        "SQLite (file, WAL, synchronous=FULL)",
        measure(&format!("sqlite://{}", sqlite.display()))?,
    ));

    if on_path("psql") {
        let base = pg.rsplit_once('/').map_or(pg, |(b, _)| b).to_string();
        let ok = Command::new("psql")
            .arg(pg)
            .args([
                "-q",
                "-c",
                "DROP DATABASE IF EXISTS storekeep_bench",
                "-c",
                "CREATE DATABASE storekeep_bench",
            ])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            sections.push((
                "PostgreSQL (local, same machine)",
                measure(&format!("{base}/storekeep_bench"))?,
            ));
        } else {
            eprintln!("PostgreSQL at {pg} is not usable: its half of the benchmark is skipped");
        }
    }
    write_report(&sections)
}

/// Whether PostgreSQL answers at `url`.
pub fn ok_pg(url: &str) -> bool {
    on_path("psql")
        && Command::new("psql")
            .arg(url)
            .args(["-q", "-c", "SELECT 1"])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn start_server(database_url: &str, port: u16) -> Result<Child> {
    start_server_with(database_url, port, &[])
}

/// The release server on core 0, with `env` on top.
pub fn start_server_with(database_url: &str, port: u16, env: &[(&str, &str)]) -> Result<Child> {
    let bin = target_dir().join("release").join("storekeep");
    let mut cmd = pinned("0", &bin.to_string_lossy());
    cmd.envs(env.iter().copied());
    cmd.arg("serve")
        .env("STOREKEEP_PORT", port.to_string())
        .env("STOREKEEP_DATABASE_URL", database_url)
        .env("STOREKEEP_SITE_ROOT", site_dir(Profile::Release))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("starting the release server")
}

/// Waits until the server answers `/readyz` (killing it after two minutes).
pub fn wait_ready(server: &mut Child, port: u16) -> Result<()> {
    let started = Instant::now();
    while get_status(port, "/readyz") != Some(200) {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = server.kill();
            bail!("the server did not become ready");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

pub fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0_u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

fn measure(database_url: &str) -> Result<(Vec<Figure>, String)> {
    let port = free_port()?;
    let mut server = start_server(database_url, port)?;
    wait_ready(&mut server, port)?;
    let mut figures = Vec::new();
    for (route, path) in ROUTES {
        if get_status(port, path) != Some(200) {
            let _ = server.kill();
            bail!("{path} does not answer 200");
        }
        let url = format!("http://127.0.0.1:{port}{path}");
        // warm-up, then the measured run, then the same at half its rate
        wrk(&url, "2s", None)?;
        let out = wrk(&url, DURATION, None)?;
        let mut figure =
            parse_wrk(route, &out).with_context(|| format!("reading wrk's output:\n{out}"))?;
        let half = wrk(&url, DURATION, Some(figure.rps / 2.0))?;
        figure.p99_half_ms = parse_wrk(route, &half)
            .with_context(|| format!("reading wrk's output:\n{half}"))?
            .p99_ms;
        eprintln!(
            "  {route:<45} {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  p99 at half {:>7.2} ms",
            figure.rps, figure.p50_ms, figure.p99_ms, figure.p99_half_ms
        );
        figures.push(figure);
    }
    let memory = peak_memory(server.id());
    let _ = server.kill();
    let _ = server.wait();
    Ok((figures, memory))
}

/// The process's peak resident memory (`VmHWM`) and its memory now (`VmRSS`), as written.
fn peak_memory(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim_start_matches(':').trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("peak {} (now {})", field("VmHWM"), field("VmRSS"))
}

/// wrk on the second core (the server has the first) with `CONNECTIONS` connections; with
/// `rate`, each connection waits between requests so that all together send about that many
/// per second.
pub fn wrk(url: &str, duration: &str, rate: Option<f64>) -> Result<String> {
    let mut cmd = pinned("1", "wrk");
    cmd.args([
        "-t",
        "1",
        "-c",
        &CONNECTIONS.to_string(),
        "-d",
        duration,
        "--latency",
        // without the cache a request on a big catalogue takes a while: counted, not dropped
        "--timeout",
        "30s",
    ]);
    if let Some(rate) = rate {
        let pause_ms = f64::from(CONNECTIONS) * 1000.0 / rate.max(1.0);
        let script = target_dir().join("bench").join("paced.lua");
        std::fs::write(
            &script,
            format!(
                "function delay()\n  return {}\nend\n",
                pause_ms.round().max(1.0)
            ),
        )?;
        cmd.arg("-s").arg(script);
    }
    let out = cmd.arg(url).output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `program` on CPU `cpu` (with `taskset` when the machine has it and more than one core).
fn pinned(cpu: &str, program: &str) -> Command {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores > 1 && on_path("taskset") {
        let mut cmd = Command::new("taskset");
        cmd.args(["-c", cpu, program]);
        cmd
    } else {
        Command::new(program)
    }
}

fn to_ms(text: &str) -> Option<f64> {
    let (num, unit) = text
        .trim()
        .split_at(text.trim().find(|c: char| c.is_ascii_alphabetic())?);
    let n: f64 = num.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => return None,
    })
}

pub fn parse_wrk(route: &'static str, out: &str) -> Option<Figure> {
    let rps = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))?
        .trim()
        .parse()
        .ok()?;
    let pct = |p: &str| {
        out.lines()
            .find_map(|l| l.trim().strip_prefix(p).map(str::to_string))
            .and_then(|v| to_ms(&v))
    };
    Some(Figure {
        route,
        rps,
        p50_ms: pct("50%")?,
        p99_ms: pct("99%")?,
        p99_half_ms: 0.0,
    })
}

pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores ({cpu})")
}

fn write_report(sections: &[(&str, (Vec<Figure>, String))]) -> Result<()> {
    let mut md = format!(
        "<!-- bench:start -->\nMeasured by `cargo xtask bench` on {}: release build, the server pinned to core 0 and wrk `-t1 -c{CONNECTIONS} -d{DURATION} --latency` to core 1 (`taskset`), demo data, no compression. \"p99 at half load\" paces the same connections to half the measured rate (wrk's `delay()`).\n",
        machine()
    );
    for (name, (figures, memory)) in sections {
        let base = figures.first().map_or(1.0, |f| f.rps.max(1.0));
        md.push_str(&format!("\n**{name}**\n\n| route | req/s | ratio to the trivial route | p50 | p99 | p99 at half load |\n|---|---:|---:|---:|---:|---:|\n"));
        for f in figures {
            md.push_str(&format!(
                "| {} | {:.0} | {:.3}× | {:.2} ms | {:.2} ms | {:.2} ms |\n",
                f.route,
                f.rps,
                f.rps / base,
                f.p50_ms,
                f.p99_ms,
                f.p99_half_ms
            ));
        }
        md.push_str(&format!(
            "\nServer memory (resident) after these runs: {memory}.\n"
        ));
    }
    md.push_str("<!-- bench:end -->");
    replace_block("bench", &md)
}

/// Puts `md` (which starts with `<!-- name:start -->` and ends with `<!-- name:end -->`)
/// in the place of the same block in BENCHMARKS.md, or at its end.
pub fn replace_block(name: &str, md: &str) -> Result<()> {
    let (start, end) = (
        format!("<!-- {name}:start -->"),
        format!("<!-- {name}:end -->"),
    );
    let path = root().join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let new = match (old.find(&start), old.find(&end)) {
        (Some(a), Some(b)) => format!("{}{}{}", &old[..a], md, &old[b + end.len()..]),
        _ => format!("{old}\n{md}\n"),
    };
    std::fs::write(&path, new)?;
    eprintln!("\nwrote the figures to {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_wrk_output() {
        let out = "  Latency Distribution\n     50%  812.00us\n     75%    1.20ms\n     90%    2.00ms\n     99%    5.51ms\n  1234 requests in 10.00s\nRequests/sec:   1234.50\nTransfer/sec: 1MB\n";
        let f = super::parse_wrk("x", out).unwrap();
        assert!((f.rps - 1234.5).abs() < 1e-9);
        assert!((f.p50_ms - 0.812).abs() < 1e-9);
        assert!((f.p99_ms - 5.51).abs() < 1e-9);
    }
}
