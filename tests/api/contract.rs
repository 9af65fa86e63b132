//! The API contract, checked from outside: the schemathesis fuzzer (PyPI, installed by
//! `cargo xtask test`) runs every operation of the generated OpenAPI document against the
//! real server, signed in as a customer and as the owner. Any 5xx, an answer that breaks
//! its schema, an undocumented status or content type, a schema-valid request refused with
//! 400 or a schema-violating one accepted fails the test. Bounded: a fixed seed and a few
//! examples per operation.

use server::db::Backend;
use std::path::PathBuf;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(the_api_keeps_its_contract_under_fuzzing);

/// Examples per operation in the fuzzing phase (the coverage phase adds its boundary cases).
const EXAMPLES: &str = "12";

fn schemathesis() -> PathBuf {
    if let Some(p) = std::env::var_os("STOREKEEP_SCHEMATHESIS") {
        return PathBuf::from(p);
    }
    let local = workspace().join(".tools/schemathesis/bin/schemathesis");
    assert!(
        local.exists(),
        "schemathesis is not installed: run `cargo xtask test` (or `cargo xtask setup --contract`)"
    );
    local
}

fn workspace() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("..")
}

async fn fuzz(app: &TestApp, who: &str, session: &str) -> (bool, String) {
    let program = schemathesis();
    let config = workspace().join("tests/contract/schemathesis.toml");
    let schema = app.url("/api/openapi.json");
    let cookie = format!("Cookie: {session}; sk_csrf=test-csrf-token");
    let report = std::env::temp_dir().join(format!("storekeep-contract-{who}-{}.json", app.port));
    let run = tokio::task::spawn_blocking(move || {
        std::process::Command::new(program)
            .arg("--config-file")
            .arg(config)
            .arg("run")
            .arg(schema)
            .args(["-H", &cookie, "-H", "X-CSRF-Token: test-csrf-token"])
            // signing out would end the session the rest of the run uses
            .args(["--exclude-name", "POST /api/v1/auth/logout"])
            .args(["--phases", "examples,coverage,fuzzing,stateful"])
            .args([
                "--max-examples",
                EXAMPLES,
                "--seed",
                "20261201",
                // one worker: with two threads, Python 3.11's AST constructor now and then
                // fails inside schemathesis's coverage phase ("AST constructor recursion
                // depth mismatch", cpython issue 106905, fixed in 3.12), a crash of the
                // fuzzer's own that would fail the run at random
                "--workers",
                "1",
            ])
            .args(["--report", "json", "--report-json-path"])
            .arg(&report)
            .arg("--no-color")
            .output()
    })
    .await
    .expect("the fuzzer's thread")
    .expect("schemathesis runs");
    let out =
        String::from_utf8_lossy(&run.stdout).to_string() + &String::from_utf8_lossy(&run.stderr);
    (run.status.success(), out)
}

/// The report's failures (each with its reproducing `curl`) and its summary; its long
/// warnings section (operations that answered only 401, 403 or 404) left out.
fn failures(out: &str) -> String {
    let section = |title: &str| {
        out.lines()
            .position(|l| l.starts_with("===") && l.contains(title))
    };
    let lines: Vec<&str> = out.lines().collect();
    let end = section(" WARNINGS ")
        .or_else(|| section(" SUMMARY "))
        .unwrap_or(lines.len());
    let failed = section(" FAILURES ").map_or(&[][..], |start| &lines[start..end.max(start)]);
    let summary = section(" SUMMARY ").map_or(&[][..], |start| &lines[start..]);
    let mut text = failed.join("\n");
    text.push('\n');
    text.push_str(&summary.join("\n"));
    if text.trim().is_empty() {
        let tail: Vec<&str> = lines.iter().rev().take(200).rev().copied().collect();
        text = tail.join("\n");
    }
    text
}

async fn the_api_keeps_its_contract_under_fuzzing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, customer) = app.with_customer().await;
    let owner = app.owner().await;
    for (who, session) in [("customer", customer), ("owner", owner.cookie.clone())] {
        let (ok, out) = fuzz(&app, who, &session).await;
        let cases = out
            .lines()
            .find(|l| l.contains(" generated,"))
            .unwrap_or("")
            .trim()
            .to_string();
        eprintln!("schemathesis as the {who} ({backend:?}): {cases}");
        if !ok {
            panic!(
                "schemathesis found problems as the {who}:\n{}",
                failures(&out)
            );
        }
    }
    app.cleanup().await;
}
