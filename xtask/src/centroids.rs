//! `cargo xtask centroids`: converts the coordinates of China's districts from the PyPI
//! package `cpca` (MIT, by DQinYuan; its `resources/adcodes.csv` lists every district with a
//! longitude and latitude) into the file the server ships, `server/data/cn-district-centroids.tsv`:
//! one `code<TAB>latitude<TAB>longitude` line per six-digit district. Own-fleet route planning
//! measures distances between these centroids. Run once per data update; the result is
//! committed, so neither pip nor the network is needed to build or run the shop.

use crate::{root, run_cmd};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

/// The package version the shipped file was made from.
const PACKAGE: &str = "cpca==0.5.5";

pub fn convert() -> Result<()> {
    let work = std::env::temp_dir().join("storekeep-cpca");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    run_cmd(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "-d",
            ])
            .arg(&work)
            .arg(PACKAGE),
    )?;
    let wheel = std::fs::read_dir(&work)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .context("pip wrote no wheel")?;
    run_cmd(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&work),
    )?;
    let csv = std::fs::read_to_string(work.join("cpca/resources/adcodes.csv"))?;
    let out = to_tsv(&csv)?;
    let target = root().join("server/data/cn-district-centroids.tsv");
    std::fs::write(&target, &out)?;
    println!(
        "wrote {} ({} lines, {} bytes)",
        target.display(),
        out.lines().count(),
        out.len()
    );
    Ok(())
}

/// `adcode,name,longitude,latitude` (12-digit codes) → six-digit district lines.
fn to_tsv(csv: &str) -> Result<String> {
    let mut by_code: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let parts: Vec<&str> = line.split(',').collect();
        let [code, _name, lng, lat] = parts[..] else {
            continue;
        };
        let code = code.get(..6).context("a short adcode")?;
        // districts only (the last two digits of a district code are not 00)
        if code.ends_with("00") {
            continue;
        }
        let (Ok(lat), Ok(lng)) = (lat.trim().parse::<f64>(), lng.trim().parse::<f64>()) else {
            continue;
        };
        by_code.insert(code.to_string(), (lat, lng));
    }
    let mut out = format!(
        "# The centroids of China's districts, converted by `cargo xtask centroids` from the PyPI\n\
         # package {PACKAGE} (MIT licence, https://github.com/DQinYuan/chinese_province_city_area_mapper).\n\
         # code<TAB>latitude<TAB>longitude (WGS-84-ish degrees, four decimals: about 10 m).\n"
    );
    for (code, (lat, lng)) in by_code {
        writeln!(out, "{code}\t{lat:.4}\t{lng:.4}")?;
    }
    Ok(out)
}
