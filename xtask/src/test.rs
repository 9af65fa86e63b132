//! The whole test suite, as CI runs it: formatting, clippy with warnings as errors, unit
//! tests, API integration tests on SQLite and PostgreSQL, and browser end-to-end tests.

use crate::{cargo, run_cmd, setup, site, site_dir, Profile};
use anyhow::{bail, Result};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

pub const DEFAULT_TEST_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

pub fn run() -> Result<()> {
    setup::toolchain()?;
    setup::browser()?;
    let schemathesis = setup::schemathesis()?;
    run_cmd(cargo().args(["fmt", "--all", "--", "--check"]))?;
    run_cmd(cargo().args([
        "clippy",
        "--package",
        "shared",
        "--package",
        "ui",
        "--package",
        "app",
        "--package",
        "server",
        "--package",
        "xtask",
        "--package",
        "storekeep-tests",
        "--features",
        "app/ssr",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // both shop bundles: the catalogue one (islands of the own pages built as plain
    // components) and the own pages' one
    wasm_clippy(&["frontend", "app"], "app/hydrate")?;
    wasm_clippy(&["frontend", "app"], "app/hydrate,app/buy")?;
    // the back office on its own: built with the shop front, `csr` and `hydrate` would unify
    wasm_clippy(&["admin"], "")?;
    site::build(Profile::Dev)?;

    let pg =
        std::env::var("STOREKEEP_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_TEST_PG.into());
    let pg_setting = if reachable(&pg) {
        pg
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        bail!("PostgreSQL does not answer at {pg}; under CI=true the PostgreSQL tests must run");
    } else {
        let line = "!".repeat(78);
        eprintln!("\n{line}\n!! PostgreSQL does not answer at {pg}.\n!! The PostgreSQL half of the API tests is SKIPPED; set STOREKEEP_TEST_DATABASE_URL\n!! to a server you can create databases on to run it.\n{line}\n");
        "skip".into()
    };
    run_cmd(
        cargo()
            .args([
                "test",
                "--package",
                "shared",
                "--package",
                "ui",
                "--package",
                "app",
                "--package",
                "server",
                "--package",
                "storekeep-tests",
                "--features",
                "app/ssr",
                // every test target, no doc-tests (there are none; an empty run would close the log)
                "--all-targets",
            ])
            .env("STOREKEEP_SITE_ROOT", site_dir(Profile::Dev))
            .env("STOREKEEP_SCHEMATHESIS", schemathesis)
            .env("STOREKEEP_TEST_DATABASE_URL", pg_setting),
    )
}

/// Clippy with warnings as errors on the WASM target, for `packages` with `features`.
fn wasm_clippy(packages: &[&str], features: &str) -> Result<()> {
    let mut cmd = cargo();
    cmd.arg("clippy");
    for p in packages {
        cmd.args(["--package", p]);
    }
    if !features.is_empty() {
        cmd.args(["--features", features]);
    }
    run_cmd(cmd.args(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]))
}

/// Does something accept TCP connections at the URL's host and port?
fn reachable(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host_port = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:5432")
    };
    host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
}
