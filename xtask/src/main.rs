//! `cargo xtask <command>` — Storekeep's build tool.
//!
//! * `run [--dev]`    install what is missing, build the WASM bundle and the server
//!   (release unless `--dev`), then start the shop on SQLite with demo data.
//! * `test`           install what is missing, then run the whole suite: fmt, clippy,
//!   unit, API (SQLite and PostgreSQL) and browser end-to-end tests.
//! * `build [--dev]`  the site and the server, without running.
//! * `setup [--browser] [--contract]` only the installs (Chromium for the browser tests,
//!   schemathesis for the API contract test).
//! * `bench [routes] [checkout] [big-catalogue] [back-office]`  load benchmarks (all by default);
//!   figures go to BENCHMARKS.md.
//! * `lighthouse`     Lighthouse on a phone profile against the release build.
//! * `demo-images`    regenerate the demo product pictures in public/img/demo.
//! * `divisions`      regenerate server/data/cn-divisions.tsv from npm's china-division.
//! * `centroids`      regenerate server/data/cn-district-centroids.tsv from PyPI's cpca.

mod bench;
mod big_catalogue;
mod centroids;
mod divisions;
mod images;
mod lighthouse;
mod setup;
mod site;
mod test;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    if let Err(e) = run() {
        eprintln!("\nxtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dev = args.iter().any(|a| a == "--dev");
    let profile = if dev { Profile::Dev } else { Profile::Release };
    match args.first().map(String::as_str) {
        Some("run") => {
            setup::toolchain()?;
            site::build(profile)?;
            site::build_server(profile)?;
            site::serve(profile)
        }
        Some("build") => {
            setup::toolchain()?;
            site::build(profile)?;
            site::build_server(profile)
        }
        Some("test") => test::run(),
        Some("setup") => {
            setup::toolchain()?;
            if args.iter().any(|a| a == "--browser") {
                setup::browser()?;
            }
            if args.iter().any(|a| a == "--contract") {
                setup::schemathesis()?;
            }
            Ok(())
        }
        Some("bench") => bench::run(&args[1..]),
        Some("lighthouse") => lighthouse::run(),
        Some("demo-images") => images::generate(&root().join("public/img/demo")),
        Some("divisions") => divisions::convert(),
        Some("centroids") => centroids::convert(),
        _ => {
            println!("usage: cargo xtask <run [--dev] | test | build [--dev] | setup [--browser] [--contract] | bench | lighthouse | demo-images | divisions | centroids>");
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Dev,
    Release,
}

impl Profile {
    /// The cargo profile of the server build and its folder under target/.
    pub fn server_profile(self) -> (&'static str, &'static str) {
        match self {
            Profile::Dev => ("dev", "debug"),
            Profile::Release => ("release", "release"),
        }
    }

    /// The cargo profile of the WASM build and its folder under target/wasm32-unknown-unknown/.
    pub fn wasm_profile(self) -> (&'static str, &'static str) {
        match self {
            Profile::Dev => ("dev", "debug"),
            Profile::Release => ("wasm-release", "wasm-release"),
        }
    }
}

/// The workspace root. `cargo run` sets `CARGO_MANIFEST_DIR` for the process: read at run
/// time, because with a shared `CARGO_TARGET_DIR` cargo may reuse an xtask binary compiled in
/// another clone (same sources), whose compile-time path would send every step there.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Cargo's target folder (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        }
        None => root().join("target"),
    }
}

/// Where the built site (pkg/ and public files) goes: `site` for the release build that
/// `run` serves, `site-dev` for the debug build the tests use, so that running the tests
/// beside a running shop leaves its bundle alone.
pub fn site_dir(profile: Profile) -> PathBuf {
    match profile {
        Profile::Release => target_dir().join("site"),
        Profile::Dev => target_dir().join("site-dev"),
    }
}

/// Runs a command in the workspace root, echoing it; fails when it fails.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    eprintln!("\n$ {}", describe(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("could not start {}", describe(cmd)))?;
    if !status.success() {
        bail!("{} failed ({status})", describe(cmd));
    }
    Ok(())
}

pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().to_string();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Is `program` on PATH?
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
