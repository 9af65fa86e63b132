//! The demo shop's product pictures: one drawing per product family in five colourways,
//! as small SVG files (a few hundred bytes each).

use anyhow::Result;
use std::path::Path;

const PALETTES: [(&str, &str, &str); 5] = [
    ("#fff1e6", "#fed7aa", "#c2410c"),
    ("#e0f2fe", "#bae6fd", "#0369a1"),
    ("#dcfce7", "#bbf7d0", "#15803d"),
    ("#f3e8ff", "#e9d5ff", "#7e22ce"),
    ("#fef9c3", "#fde68a", "#a16207"),
];

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

pub fn generate(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, body) in ICONS {
        for (i, (bg, accent, fg)) in PALETTES.iter().enumerate() {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\" width=\"200\" height=\"200\">\
<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"{bg}\"/><stop offset=\"1\" stop-color=\"{accent}\"/></linearGradient></defs>\
<rect width=\"200\" height=\"200\" fill=\"url(#g)\"/><circle cx=\"100\" cy=\"104\" r=\"74\" fill=\"#fff\" opacity=\".45\"/>\
<g color=\"{fg}\">{body}</g></svg>\n"
            );
            std::fs::write(dir.join(format!("{name}-{i}.svg")), svg)?;
        }
    }
    eprintln!(
        "wrote {} images to {}",
        ICONS.len() * PALETTES.len(),
        dir.display()
    );
    Ok(())
}
