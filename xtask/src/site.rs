//! Building the site: the WASM bundle (cargo + wasm-bindgen as a library + npm's wasm-opt in
//! release), the CSS and the public files, into `target/site` (release) or `target/site-dev`
//! (the tests' debug build, so a test run never replaces a running shop's bundle).
//!
//! Bundle files are named after their content (`storekeep.<16 hex digits>.wasm`), so the
//! server can let browsers keep them for a year; `pkg/assets.txt` says which names are
//! current (the server reads it at start-up, see `server::assets`).

use crate::{cargo, root, run_cmd, setup, site_dir, target_dir, Profile};
use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub const OUTPUT_NAME: &str = "storekeep";

/// The browser bundles: the shop front's two (the catalogue pages' islands; every island, for
/// the shopper's own pages — see `app::hydration`) and the back office (a client-side app
/// under `/admin`), each its own WASM file.
#[derive(Debug, Clone, Copy)]
pub struct Bundle {
    /// The cargo package.
    pub package: &'static str,
    /// Its cargo features for this bundle.
    pub features: &'static str,
    /// The file names in `pkg/`: `<name>.js`, `<name>.wasm`, `<name>.css`.
    pub name: &'static str,
}

pub const SHOP: Bundle = Bundle {
    package: "frontend",
    features: "",
    name: OUTPUT_NAME,
};
pub const SHOP_BUY: Bundle = Bundle {
    package: "frontend",
    features: "buy",
    name: "storekeep-buy",
};
pub const ADMIN: Bundle = Bundle {
    package: "admin",
    features: "",
    name: "admin",
};

pub fn build(profile: Profile) -> Result<()> {
    let site = site_dir(profile);
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg)?;
    let mut names = Vec::new();
    // one after the other: both shop bundles are built from `frontend` to the same file
    for bundle in [SHOP, SHOP_BUY, ADMIN] {
        build_wasm(bundle, profile, &pkg)?;
        let stem = fingerprint(&pkg, bundle.name, &["js", "wasm"])?;
        names.push((bundle.name.to_string(), stem));
    }
    // the back office boots from a file, so its page needs no inline script
    let admin = &names[2].1;
    fs::write(
        pkg.join("admin-boot.js"),
        format!("import init from \"/pkg/{admin}.js\";\ninit({{ module_or_path: \"/pkg/{admin}.wasm\" }});\n"),
    )?;
    let style = root().join("style");
    bundle_css(&[&style], &pkg.join(format!("{OUTPUT_NAME}.css")))?;
    // the back office shares the base (fonts, colours) and adds its own sheets
    bundle_css_files(
        &[style.join("10-base.css")],
        &[&style.join("admin")],
        &pkg.join("admin.css"),
    )?;
    for stem in [OUTPUT_NAME, "admin", "admin-boot"] {
        let ext = if stem == "admin-boot" { "js" } else { "css" };
        let hashed = fingerprint(&pkg, stem, &[ext])?;
        names.push((format!("{stem}.{ext}"), format!("{hashed}.{ext}")));
    }
    let manifest: String = names.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    fs::write(pkg.join("assets.txt"), manifest)?;
    copy_dir(&root().join("public"), &site)?;
    precompress(&pkg, profile == Profile::Release)?;
    // compressing a 10 MB debug bundle at the highest levels only to print its size took
    // a minute of every test run: sizes matter for what ships
    if profile == Profile::Release {
        report_sizes(&pkg)?;
    }
    Ok(())
}

/// Renames `<stem>.<ext>` for each of `exts` to `<stem>.<hash>.<ext>`, one hash of all of
/// their contents, and removes the files of earlier builds; returns `<stem>.<hash>`.
fn fingerprint(pkg: &Path, stem: &str, exts: &[&str]) -> Result<String> {
    let mut hash = Fnv::default();
    for ext in exts {
        hash.write(&fs::read(pkg.join(format!("{stem}.{ext}")))?);
    }
    let hashed = format!("{stem}.{:016x}", hash.0);
    for entry in fs::read_dir(pkg)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if is_earlier_build(name, stem, exts) {
            fs::remove_file(&path)?;
        }
    }
    for ext in exts {
        fs::rename(
            pkg.join(format!("{stem}.{ext}")),
            pkg.join(format!("{hashed}.{ext}")),
        )?;
    }
    Ok(hashed)
}

/// `<stem>.<16 hex>.<ext>[.br|.gz]`: a fingerprinted file of `stem`.
fn is_earlier_build(name: &str, stem: &str, exts: &[&str]) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else {
        return false;
    };
    let Some((hash, ext)) = rest.split_once('.') else {
        return false;
    };
    let ext = ext.trim_end_matches(".br").trim_end_matches(".gz");
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && exts.contains(&ext)
}

/// 64-bit FNV-1a: enough to tell builds apart, and the same on every machine and Rust version.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The current file names, as `build` wrote them to `pkg/assets.txt`.
pub fn current_names(pkg: &Path) -> Result<std::collections::HashMap<String, String>> {
    let text = fs::read_to_string(pkg.join("assets.txt")).context("reading pkg/assets.txt")?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// Builds one crate for wasm32, runs wasm-bindgen (as a library) and, in release, wasm-opt.
fn build_wasm(bundle: Bundle, profile: Profile, pkg: &Path) -> Result<()> {
    let (cargo_profile, dir) = profile.wasm_profile();
    run_cmd(cargo().args([
        "build",
        "--package",
        bundle.package,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        cargo_profile,
        "--features",
        bundle.features,
    ]))?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(dir)
        .join(format!("{}.wasm", bundle.package));
    eprintln!(
        "\n$ wasm-bindgen {} --target web --out-name {}",
        input.display(),
        bundle.name
    );
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .web(true)?
        .out_name(bundle.name)
        .debug(false)
        .keep_debug(false)
        .typescript(false)
        .generate(pkg)
        .context("wasm-bindgen")?;
    // Leptos's hydration script asks for /pkg/<output name>.wasm
    let wasm = pkg.join(format!("{}.wasm", bundle.name));
    fs::rename(pkg.join(format!("{}_bg.wasm", bundle.name)), &wasm)?;
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
    cmd.arg("serve")
        .env("STOREKEEP_SITE_ROOT", site_dir(profile));
    if std::env::var_os("DATABASE_URL").is_none()
        && std::env::var_os("STOREKEEP_DATABASE_URL").is_none()
    {
        cmd.env("STOREKEEP_DATABASE_URL", "sqlite://data/storekeep.db");
    }
    run_cmd(&mut cmd)
}

/// All of the `*.css` files directly in `dirs`, in name order, as one file.
fn bundle_css(dirs: &[&Path], out: &Path) -> Result<()> {
    bundle_css_files(&[], dirs, out)
}

/// `first`, then every `*.css` file directly in `dirs` (in name order), as one file.
fn bundle_css_files(first: &[std::path::PathBuf], dirs: &[&Path], out: &Path) -> Result<()> {
    let mut files: Vec<_> = first.to_vec();
    for dir in dirs {
        let mut found: Vec<_> = fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "css"))
            .collect();
        found.sort();
        files.extend(found);
    }
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

/// Prints raw / gzip / brotli sizes of the bundles' files (named as before fingerprinting;
/// the shop's two bundles share one style sheet).
pub fn report_sizes(pkg: &Path) -> Result<Vec<(String, usize, usize, usize)>> {
    let names = current_names(pkg)?;
    let mut rows = Vec::new();
    let files = [
        (SHOP, &["wasm", "js", "css"][..]),
        (SHOP_BUY, &["wasm", "js"][..]),
        (ADMIN, &["wasm", "js", "css"][..]),
    ];
    for (name, file) in files.iter().flat_map(|(b, exts)| {
        exts.iter().map(|ext| {
            let file = match *ext {
                "css" => names.get(&format!("{}.css", b.name)).cloned(),
                _ => names.get(b.name).map(|stem| format!("{stem}.{ext}")),
            };
            (format!("{}.{ext}", b.name), file.unwrap_or_default())
        })
    }) {
        let data = fs::read(pkg.join(&file)).with_context(|| format!("reading pkg/{file}"))?;
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
