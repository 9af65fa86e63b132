//! The demo shop's product pictures: small SVG files (a few hundred bytes each) in
//! public/img/demo. What to draw comes from the demo catalogue itself,
//! server/src/seed/demo_catalog.rs, compiled into this crate too: for every product family
//! one picture per colour its products come in, the product drawn in that colour, and the
//! family's default picture (category tiles, products without colours). The seed attaches
//! the same file names, from the same functions. Pictures nothing uses any more are removed.

use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

// The seed's catalogue (std only): the xtask reads its families, colours and picture names,
// and leaves its prices and stock alone.
#[allow(dead_code)]
#[path = "../../server/src/seed/demo_catalog.rs"]
mod demo_catalog;

use demo_catalog::{color_hex, image_file, product_pictures, CATALOG, PICTURE_SIZE};

/// `(background, gradient end, product)` of each family's default picture: the shop's warm
/// orange.
const DEFAULT: (&str, &str, &str) = ("#fff1e6", "#fed7aa", "#c2410c");

/// The home page's hero art (app/src/pages/home.rs shows /img/demo/jacket-1.svg): the jacket
/// in blue.
const HERO: (&str, &str, (&str, &str, &str)) =
    ("jacket-1.svg", "jacket", ("#e0f2fe", "#bae6fd", "#0369a1"));

const WHITE: [u32; 3] = [0xff, 0xff, 0xff];
const SLATE: [u32; 3] = [0x64, 0x74, 0x8b];
const INK: [u32; 3] = [0x1f, 0x29, 0x37];
/// Colours lighter than this (luma, 0–255) are drawn with an outline on a greyer ground.
const LIGHT_LUMA: u32 = 200;

/// `(name, SVG body drawn in a 200×200 box with `currentColor`)`.
const ICONS: [(&str, &str); 8] = [
    (
        "tshirt",
        r##"<path d="M70 50 L90 42 Q100 54 110 42 L130 50 L156 74 L140 92 L130 84 L130 156 L70 156 L70 84 L60 92 L44 74 Z" fill="currentColor"/><path d="M90 42 Q100 54 110 42" fill="none" stroke="#fff" stroke-width="3" opacity=".6"/>"##,
    ),
    (
        "jacket",
        r##"<path d="M68 44 L88 37 L100 52 L112 37 L132 44 L152 82 L152 150 L136 150 L134 98 L132 162 L68 162 L66 98 L64 150 L48 150 L48 82 Z" fill="currentColor"/><path d="M100 52 V162" stroke="#fff" stroke-width="3" opacity=".7"/><path d="M76 110 H90 M110 110 H124" stroke="#fff" stroke-width="3" opacity=".5"/>"##,
    ),
    (
        "runner",
        r##"<path d="M38 128 Q42 96 68 92 L94 78 Q104 100 126 100 Q152 102 162 120 Q166 130 160 136 L44 138 Q36 136 38 128 Z" fill="currentColor"/><path d="M40 140 H162" stroke="currentColor" stroke-width="8" stroke-linecap="round" opacity=".45"/><path d="M84 96 L96 108 M96 90 L108 102" stroke="#fff" stroke-width="3" opacity=".7"/>"##,
    ),
    (
        "sneaker",
        r##"<path d="M40 126 L46 84 Q62 78 76 88 L106 100 Q142 104 158 118 L160 134 L40 134 Z" fill="currentColor"/><path d="M38 138 H162" stroke="currentColor" stroke-width="10" stroke-linecap="round" opacity=".35"/><circle cx="84" cy="100" r="3" fill="#fff"/><circle cx="96" cy="104" r="3" fill="#fff"/>"##,
    ),
    (
        "phone",
        r##"<rect x="68" y="32" width="64" height="136" rx="14" fill="currentColor"/><rect x="75" y="44" width="50" height="104" rx="5" fill="#fff" opacity=".85"/><circle cx="100" cy="158" r="4" fill="#fff" opacity=".8"/>"##,
    ),
    (
        "headphones",
        r##"<path d="M54 118 V100 A46 46 0 0 1 146 100 V118" fill="none" stroke="currentColor" stroke-width="10" stroke-linecap="round"/><rect x="42" y="106" width="26" height="48" rx="10" fill="currentColor"/><rect x="132" y="106" width="26" height="48" rx="10" fill="currentColor"/>"##,
    ),
    (
        "pot",
        r##"<path d="M56 84 Q100 56 144 84 Z" fill="currentColor" opacity=".75"/><rect x="92" y="62" width="16" height="8" rx="4" fill="currentColor"/><path d="M50 90 H150 V138 Q150 156 132 156 H68 Q50 156 50 138 Z" fill="currentColor"/><path d="M50 100 H36 M150 100 H164" stroke="currentColor" stroke-width="8" stroke-linecap="round"/>"##,
    ),
    (
        "pillow",
        r##"<path d="M40 72 Q38 56 54 58 Q100 64 146 58 Q162 56 160 72 Q156 100 160 128 Q162 144 146 142 Q100 136 54 142 Q38 144 40 128 Q44 100 40 72 Z" fill="currentColor"/><path d="M56 74 Q100 79 144 74 Q141 100 144 126 Q100 121 56 126 Q59 100 56 74 Z" fill="none" stroke="#fff" stroke-width="2.5" stroke-dasharray="5 5" opacity=".7"/>"##,
    ),
];

/// The colours of one picture.
struct Palette {
    /// The background's gradient, top left to bottom right.
    bg: String,
    accent: String,
    /// The disc behind the product (drawn at 45 % opacity).
    disc: String,
    /// The product.
    fg: String,
    /// Light products only: their outline, also the colour of the details otherwise white.
    outline: Option<String>,
}

impl Palette {
    fn fixed((bg, accent, fg): (&str, &str, &str)) -> Palette {
        Palette {
            bg: bg.to_string(),
            accent: accent.to_string(),
            disc: "#fff".to_string(),
            fg: fg.to_string(),
            outline: None,
        }
    }

    /// A product in `hex` on a pale tint of its colour; a light one (white, cream…) on a
    /// greyer ground, before a darker disc, with an outline.
    fn of_color(hex: &str) -> Result<Palette> {
        let c = rgb(hex)?;
        let luma = (299 * c[0] + 587 * c[1] + 114 * c[2]) / 1000;
        Ok(if luma > LIGHT_LUMA {
            Palette {
                bg: to_hex(mix(c, SLATE, 12)),
                accent: to_hex(mix(c, SLATE, 30)),
                disc: to_hex(mix(c, SLATE, 50)),
                fg: hex.to_string(),
                outline: Some(to_hex(mix(c, INK, 55))),
            }
        } else {
            Palette {
                bg: to_hex(mix(c, WHITE, 90)),
                accent: to_hex(mix(c, WHITE, 75)),
                disc: "#fff".to_string(),
                fg: hex.to_string(),
                outline: None,
            }
        })
    }
}

fn rgb(hex: &str) -> Result<[u32; 3]> {
    let digits = hex
        .strip_prefix('#')
        .filter(|d| d.len() == 6)
        .ok_or_else(|| anyhow!("{hex} is not a #rrggbb colour"))?;
    let mut c = [0; 3];
    for (i, channel) in c.iter_mut().enumerate() {
        let pair = digits.get(2 * i..2 * i + 2).unwrap_or_default();
        *channel = u32::from_str_radix(pair, 16)
            .with_context(|| format!("{hex} is not a #rrggbb colour"))?;
    }
    Ok(c)
}

/// `percent` % of the way from `a` to `b`, rounded.
fn mix(a: [u32; 3], b: [u32; 3], percent: u32) -> [u32; 3] {
    std::array::from_fn(|i| (a[i] * (100 - percent) + b[i] * percent + 50) / 100)
}

fn to_hex(c: [u32; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn icon(name: &str) -> Result<&'static str> {
    ICONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, body)| *body)
        .ok_or_else(|| anyhow!("no drawing for the demo picture family {name:?}"))
}

fn svg(body: &str, palette: &Palette) -> String {
    let Palette {
        bg,
        accent,
        disc,
        fg,
        outline,
    } = palette;
    let (body, stroke) = match outline {
        Some(outline) => (
            body.replace("#fff", outline),
            format!(" stroke=\"{outline}\" stroke-width=\"2\" stroke-linejoin=\"round\""),
        ),
        None => (body.to_string(), String::new()),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\" width=\"{PICTURE_SIZE}\" height=\"{PICTURE_SIZE}\">\
<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"{bg}\"/><stop offset=\"1\" stop-color=\"{accent}\"/></linearGradient></defs>\
<rect width=\"200\" height=\"200\" fill=\"url(#g)\"/><circle cx=\"100\" cy=\"104\" r=\"74\" fill=\"{disc}\" opacity=\".45\"/>\
<g color=\"{fg}\"{stroke}>{body}</g></svg>\n"
    )
}

/// Every picture: file name and SVG text.
fn pictures() -> Result<BTreeMap<String, String>> {
    let mut pictures = BTreeMap::new();
    for leaf in CATALOG.iter().flat_map(|c| c.children.iter()) {
        let body = icon(leaf.icon)?;
        pictures.insert(
            image_file(leaf.icon, None),
            svg(body, &Palette::fixed(DEFAULT)),
        );
        for (color, file) in product_pictures(leaf) {
            let palette = match color {
                Some((_, en)) => {
                    let hex = color_hex(en)
                        .ok_or_else(|| anyhow!("{en} is missing from demo_catalog::COLORS"))?;
                    Palette::of_color(hex)?
                }
                None => Palette::fixed(DEFAULT),
            };
            pictures.insert(file, svg(body, &palette));
        }
    }
    let (file, family, colors) = HERO;
    pictures.insert(
        file.to_string(),
        svg(icon(family)?, &Palette::fixed(colors)),
    );
    Ok(pictures)
}

pub fn generate(dir: &Path) -> Result<()> {
    let pictures = pictures()?;
    std::fs::create_dir_all(dir)?;
    for (file, text) in &pictures {
        std::fs::write(dir.join(file), text)?;
    }
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(".svg") && !pictures.contains_key(name) {
            std::fs::remove_file(dir.join(name))?;
            removed += 1;
        }
    }
    eprintln!(
        "wrote {} images to {}, removed {removed} no longer used",
        pictures.len(),
        dir.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_is_drawn_in_its_colour() {
        let pictures = pictures().unwrap();
        for leaf in CATALOG.iter().flat_map(|c| c.children.iter()) {
            for (color, file) in product_pictures(leaf) {
                let text = &pictures[&file];
                if let Some((_, en)) = color {
                    let hex = color_hex(en).unwrap();
                    assert!(text.contains(&format!("<g color=\"{hex}\"")), "{file}");
                }
                assert!(text.len() < 2048, "{file} is {} bytes", text.len());
            }
            assert!(pictures.contains_key(&image_file(leaf.icon, None)));
        }
        assert!(
            pictures.contains_key("jacket-1.svg"),
            "the home page's hero"
        );
        // the default pictures are the shop's orange ones, light colours get an outline
        assert!(pictures["tshirt-0.svg"].contains("<g color=\"#c2410c\">"));
        assert!(pictures["tshirt-white.svg"].contains("stroke-linejoin"));
        assert!(!pictures["tshirt-black.svg"].contains("stroke-linejoin"));
        assert_eq!(mix([0, 100, 255], WHITE, 90), [230, 240, 255]);
        assert_eq!(rgb("#7a9cb8").unwrap(), [0x7a, 0x9c, 0xb8]);
        assert!(rgb("7a9cb8").is_err() && rgb("#7a9cbz").is_err());
    }
}
