//! Building the site: the WASM bundle (cargo + wasm-bindgen as a library + npm's wasm-opt in
//! release), the CSS and the public files, into `target/site`.

use crate::{cargo, root, run_cmd, setup, site_dir, target_dir, Profile};
use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub const OUTPUT_NAME: &str = "storekeep";

pub fn build(profile: Profile) -> Result<()> {
    let (cargo_profile, dir) = profile.wasm_profile();
    run_cmd(cargo().args([
        "build",
        "--package",
        "frontend",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        cargo_profile,
    ]))?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(dir)
        .join("frontend.wasm");
    let site = site_dir();
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg)?;
    eprintln!(
        "\n$ wasm-bindgen {} --target web --out-name {OUTPUT_NAME}",
        input.display()
    );
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .web(true)?
        .out_name(OUTPUT_NAME)
        .debug(false)
        .keep_debug(false)
        .typescript(false)
        .generate(&pkg)
        .context("wasm-bindgen")?;
    // Leptos's hydration script asks for /pkg/<output name>.wasm
    let wasm = pkg.join(format!("{OUTPUT_NAME}.wasm"));
    fs::rename(pkg.join(format!("{OUTPUT_NAME}_bg.wasm")), &wasm)?;
    if profile == Profile::Release {
        let wasm_opt = setup::wasm_opt()?;
        run_cmd(
            Command::new(wasm_opt)
                .arg(&wasm)
                .arg("-o")
                .arg(&wasm)
                .args(["-Oz", "--strip-debug", "--strip-producers"])
                .args([
                    "--enable-bulk-memory",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-nontrapping-float-to-int",
                    "--enable-reference-types",
                    "--enable-multivalue",
                ]),
        )?;
    }
    bundle_css(
        &root().join("style"),
        &pkg.join(format!("{OUTPUT_NAME}.css")),
    )?;
    copy_dir(&root().join("public"), &site)?;
    precompress(&pkg, profile == Profile::Release)?;
    // compressing a 10 MB debug bundle at the highest levels only to print its size took
    // a minute of every test run: sizes matter for what ships
    if profile == Profile::Release {
        report_sizes(&pkg)?;
    }
    Ok(())
}

pub fn build_server(profile: Profile) -> Result<()> {
    run_cmd(cargo().args([
        "build",
        "--package",
        "server",
        "--bin",
        "storekeep",
        "--profile",
        profile.server_profile().0,
    ]))
}

/// Starts the built server on SQLite with the demo shop.
pub fn serve(profile: Profile) -> Result<()> {
    let bin = target_dir()
        .join(profile.server_profile().1)
        .join("storekeep");
    let mut cmd = Command::new(bin);
    cmd.arg("serve").env("STOREKEEP_SITE_ROOT", site_dir());
    if std::env::var_os("DATABASE_URL").is_none()
        && std::env::var_os("STOREKEEP_DATABASE_URL").is_none()
    {
        cmd.env("STOREKEEP_DATABASE_URL", "sqlite://data/storekeep.db");
    }
    run_cmd(&mut cmd)
}

/// All of style/*.css, in name order, as one file.
fn bundle_css(dir: &Path, out: &Path) -> Result<()> {
    let mut files: Vec<_> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    files.sort();
    let mut css = String::new();
    for f in files {
        css.push_str(&format!(
            "/* {} */\n",
            f.file_name().unwrap_or_default().to_string_lossy()
        ));
        css.push_str(&fs::read_to_string(&f)?);
        css.push('\n');
    }
    fs::write(out, css)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Writes `.br` and `.gz` siblings of the bundle files (served as they are by the server);
/// in dev builds removes stale ones instead, so an old compressed bundle is never served.
fn precompress(pkg: &Path, write: bool) -> Result<()> {
    for entry in fs::read_dir(pkg)? {
        let path = entry?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext == "br" || ext == "gz" {
            fs::remove_file(&path)?;
            continue;
        }
        if !write {
            continue;
        }
        let data = fs::read(&path)?;
        fs::write(with_suffix(&path, "br"), brotli_bytes(&data)?)?;
        fs::write(with_suffix(&path, "gz"), gzip_bytes(&data)?)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    s.into()
}

pub fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data)?;
    }
    Ok(out)
}

pub fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data)?;
    Ok(e.finish()?)
}

/// Prints raw / gzip / brotli sizes of the bundle files.
pub fn report_sizes(pkg: &Path) -> Result<Vec<(String, usize, usize, usize)>> {
    let mut rows = Vec::new();
    for name in [
        format!("{OUTPUT_NAME}.wasm"),
        format!("{OUTPUT_NAME}.js"),
        format!("{OUTPUT_NAME}.css"),
    ] {
        let data = fs::read(pkg.join(&name))?;
        let row = (
            name,
            data.len(),
            gzip_bytes(&data)?.len(),
            brotli_bytes(&data)?.len(),
        );
        eprintln!(
            "  {:<16} {:>9} B raw  {:>8} B gzip  {:>8} B brotli",
            row.0, row.1, row.2, row.3
        );
        rows.push(row);
    }
    Ok(rows)
}
