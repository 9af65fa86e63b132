//! Installing what a fresh machine lacks: the WASM target, npm's wasm-opt (release builds),
//! and Debian's Chromium, ChromeDriver and a CJK font (browser tests).

use crate::{on_path, root, run_cmd};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// The npm `binaryen` release whose wasm-opt is used. Debian's wasm-opt (108) silently
/// breaks the bundle; 123 and later work.
const BINARYEN_VERSION: &str = "132.0.0";
const MIN_WASM_OPT: u32 = 123;

/// The Rust side: the wasm32 target.
pub fn toolchain() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if !String::from_utf8_lossy(&installed.stdout).contains("wasm32-unknown-unknown") {
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The npm package `name@version` in `.tools/` (installed when another version or none is
/// there); returns the path of its program `bin`.
pub fn npm_tool(name: &str, version: &str, bin: &str) -> Result<PathBuf> {
    let tools = root().join(".tools");
    let installed =
        std::fs::read_to_string(tools.join(format!("node_modules/{name}/package.json")))
            .is_ok_and(|p| p.contains(&format!("\"version\": \"{version}\"")));
    if !installed {
        if !on_path("npm") {
            install_debian(&["nodejs", "npm"])?;
        }
        std::fs::create_dir_all(&tools)?;
        run_cmd(Command::new("npm").args([
            "install",
            "--prefix",
            &tools.to_string_lossy(),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            &format!("{name}@{version}"),
        ]))?;
    }
    Ok(tools.join("node_modules/.bin").join(bin))
}

/// npm's wasm-opt in `.tools/`, installed on first use. Returns its path.
pub fn wasm_opt() -> Result<PathBuf> {
    let bin = npm_tool("binaryen", BINARYEN_VERSION, "wasm-opt")?;
    let out = Command::new(&bin).arg("--version").output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version: u32 = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if version < MIN_WASM_OPT {
        bail!("wasm-opt {version} is too old (need {MIN_WASM_OPT}+): delete .tools/ and retry");
    }
    Ok(bin)
}

/// The schemathesis release the contract test runs (PyPI).
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// schemathesis in a virtual environment under `.tools/`, installed on first use (with
/// Debian's python3-venv when the machine lacks it). Returns the program's path.
pub fn schemathesis() -> Result<PathBuf> {
    let venv = root().join(".tools/schemathesis");
    let bin = venv.join("bin/schemathesis");
    let installed = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(SCHEMATHESIS_VERSION));
    if installed {
        return Ok(bin);
    }
    if !on_path("python3") {
        install_debian(&["python3", "python3-venv"])?;
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        // Debian splits venv (and ensurepip) out of python3
        install_debian(&["python3-venv"])?;
        run_cmd(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run_cmd(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}")),
    )?;
    Ok(bin)
}

/// Chromium and ChromeDriver from Debian, and a font with Chinese glyphs.
pub fn browser() -> Result<()> {
    let font = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists();
    if on_path("chromium") && on_path("chromedriver") && font {
        return Ok(());
    }
    install_debian(&["chromium", "chromium-driver", "fonts-wqy-microhei"])
}

pub fn install_debian(packages: &[&str]) -> Result<()> {
    if !on_path("apt-get") {
        bail!(
            "please install {} with your system's package manager",
            packages.join(", ")
        );
    }
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let sudo = |args: &[&str]| {
        let mut c = if as_root {
            Command::new(args[0])
        } else {
            let mut c = Command::new("sudo");
            c.arg(args[0]);
            c
        };
        c.args(&args[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run_cmd(&mut sudo(&["apt-get", "update", "-qq"]))?;
    let mut args = vec!["apt-get", "install", "-y", "-qq"];
    args.extend_from_slice(packages);
    run_cmd(&mut sudo(&args))
}
