//! The demo shop's catalogue, generated deterministically: 4 top-level categories with
//! 2 sub-categories each, 6 brands, 10 products per sub-category (80), variants by colour
//! and size, prices in CNY and stock in two warehouses. Bilingual throughout.
//!
//! Also the one description of the demo pictures: `cargo xtask demo-images` compiles this
//! file into the xtask (`#[path]` in xtask/src/images.rs) and draws exactly the files
//! [`product_pictures`] names, in the colours of [`COLORS`]; the seed attaches the same
//! names. So this file uses nothing but `std`, in its tests too.

pub struct DemoCategory {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub children: [DemoLeaf; 2],
}

pub struct DemoLeaf {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// The demo picture family: what the pictures in public/img/demo/{icon}-*.svg show.
    pub icon: &'static str,
    pub sku_prefix: &'static str,
    pub brands: [&'static str; 2],
    /// Lowest and highest base price in yuan over the 10 products.
    pub price_range: (i64, i64),
    /// The colours `(zh, en)` in variant order; each needs its entry in [`COLORS`].
    pub colors: &'static [(&'static str, &'static str)],
    /// Sizes with their surcharge in yuan.
    pub sizes: &'static [(&'static str, i64)],
    pub products: [(&'static str, &'static str); 10],
    pub blurb: (&'static str, &'static str),
}

pub const BRANDS: [(&str, &str, &str); 6] = [
    ("shanye", "山野", "Shanye Outdoor"),
    ("qingyou", "青柚", "Qingyou"),
    ("moshi", "墨石", "Moshi"),
    ("yunduo", "云朵", "Yunduo"),
    ("aurora", "北极光", "Aurora"),
    ("zhuyu", "竹语", "Zhuyu"),
];

/// Code, names, province (division code) and street address.
pub const WAREHOUSES: [(&str, &str, &str, &str, &str); 2] = [
    (
        "SH-01",
        "上海青浦仓",
        "Shanghai Qingpu warehouse",
        "31",
        "上海市青浦区华新镇华志路 1688 号",
    ),
    (
        "GZ-01",
        "广州白云仓",
        "Guangzhou Baiyun warehouse",
        "44",
        "广东省广州市白云区太和镇广州北路 3388 号",
    ),
];

const APPAREL: &[(&str, i64)] = &[("S", 0), ("M", 0), ("L", 0), ("XL", 10)];

pub const CATALOG: [DemoCategory; 4] = [
    DemoCategory {
        slug: "clothing",
        zh: "服装",
        en: "Clothing",
        children: [
            DemoLeaf {
                slug: "t-shirts",
                zh: "T恤",
                en: "T-shirts",
                icon: "tshirt",
                sku_prefix: "TS",
                brands: ["qingyou", "zhuyu"],
                price_range: (79, 199),
                colors: &[("白色", "White"), ("黑色", "Black"), ("藏青", "Navy")],
                sizes: APPAREL,
                products: [
                    ("纯棉圆领T恤", "Cotton crew-neck tee"),
                    ("速干运动T恤", "Quick-dry sports tee"),
                    ("宽松落肩T恤", "Relaxed drop-shoulder tee"),
                    ("亚麻混纺T恤", "Linen-blend tee"),
                    ("印花短袖T恤", "Printed short-sleeve tee"),
                    ("长袖打底T恤", "Long-sleeve base tee"),
                    ("条纹海魂衫", "Breton stripe tee"),
                    ("重磅棉T恤", "Heavyweight cotton tee"),
                    ("竹纤维T恤", "Bamboo fibre tee"),
                    ("V领修身T恤", "Slim V-neck tee"),
                ],
                blurb: (
                    "亲肤面料，日常百搭，机洗不易变形。",
                    "Soft on the skin, easy to wear every day, keeps its shape in the wash.",
                ),
            },
            DemoLeaf {
                slug: "jackets",
                zh: "外套",
                en: "Jackets",
                icon: "jacket",
                sku_prefix: "JK",
                brands: ["shanye", "aurora"],
                price_range: (299, 1299),
                colors: &[("黑色", "Black"), ("军绿", "Olive"), ("卡其", "Khaki")],
                sizes: APPAREL,
                products: [
                    ("轻量羽绒服", "Lightweight down jacket"),
                    ("三合一冲锋衣", "3-in-1 hardshell jacket"),
                    ("防风软壳夹克", "Windproof softshell jacket"),
                    ("摇粒绒外套", "Fleece jacket"),
                    ("工装夹克", "Utility jacket"),
                    ("牛仔夹克", "Denim jacket"),
                    ("连帽风衣", "Hooded windbreaker"),
                    ("棒球夹克", "Bomber jacket"),
                    ("长款羽绒服", "Long down parka"),
                    ("防水雨衣", "Waterproof rain jacket"),
                ],
                blurb: (
                    "防风保暖，城市通勤与户外徒步皆宜。",
                    "Warm and windproof, made for the commute and the trail alike.",
                ),
            },
        ],
    },
    DemoCategory {
        slug: "shoes",
        zh: "鞋靴",
        en: "Shoes",
        children: [
            DemoLeaf {
                slug: "running-shoes",
                zh: "跑步鞋",
                en: "Running shoes",
                icon: "runner",
                sku_prefix: "RS",
                brands: ["shanye", "aurora"],
                price_range: (399, 1499),
                colors: &[("黑白", "Black/White"), ("荧光绿", "Volt green")],
                sizes: &[
                    ("39", 0),
                    ("40", 0),
                    ("41", 0),
                    ("42", 0),
                    ("43", 0),
                    ("44", 0),
                ],
                products: [
                    ("缓震跑鞋", "Cushioned road runner"),
                    ("竞速碳板跑鞋", "Carbon-plate racer"),
                    ("越野跑鞋", "Trail running shoe"),
                    ("轻量训练鞋", "Lightweight trainer"),
                    ("稳定支撑跑鞋", "Stability running shoe"),
                    ("透气网面跑鞋", "Breathable mesh runner"),
                    ("马拉松跑鞋", "Marathon shoe"),
                    ("慢跑鞋", "Easy-day jogger"),
                    ("防滑跑鞋", "Grip running shoe"),
                    ("夜跑反光跑鞋", "Reflective night runner"),
                ],
                blurb: (
                    "回弹中底配耐磨外底，每一公里都轻松。",
                    "A springy midsole and a hard-wearing outsole make every kilometre easier.",
                ),
            },
            DemoLeaf {
                slug: "sneakers",
                zh: "休闲鞋",
                en: "Sneakers",
                icon: "sneaker",
                sku_prefix: "SN",
                brands: ["yunduo", "qingyou"],
                price_range: (199, 699),
                colors: &[("白色", "White"), ("米色", "Beige")],
                sizes: &[
                    ("36", 0),
                    ("37", 0),
                    ("38", 0),
                    ("39", 0),
                    ("40", 0),
                    ("41", 0),
                    ("42", 0),
                    ("43", 0),
                ],
                products: [
                    ("经典帆布鞋", "Classic canvas sneaker"),
                    ("小白鞋", "White leather sneaker"),
                    ("高帮板鞋", "High-top skate shoe"),
                    ("复古德训鞋", "Retro trainer"),
                    ("一脚蹬懒人鞋", "Slip-on sneaker"),
                    ("厚底老爹鞋", "Chunky dad sneaker"),
                    ("麂皮休闲鞋", "Suede casual shoe"),
                    ("针织袜套鞋", "Knit sock sneaker"),
                    ("撞色板鞋", "Colour-block court shoe"),
                    ("轻便休闲鞋", "Everyday casual shoe"),
                ],
                blurb: (
                    "简约设计，舒适鞋垫，一双搞定每天的穿搭。",
                    "Clean design and a comfortable insole: one pair for every outfit.",
                ),
            },
        ],
    },
    DemoCategory {
        slug: "electronics",
        zh: "数码",
        en: "Electronics",
        children: [
            DemoLeaf {
                slug: "phones",
                zh: "手机",
                en: "Phones",
                icon: "phone",
                sku_prefix: "PH",
                brands: ["moshi", "aurora"],
                price_range: (1999, 8999),
                colors: &[
                    ("曜石黑", "Obsidian"),
                    ("冰川白", "Glacier white"),
                    ("雾蓝", "Mist blue"),
                ],
                sizes: &[("128GB", 0), ("256GB", 500), ("512GB", 1200)],
                products: [
                    ("X1 智能手机", "X1 smartphone"),
                    ("X1 Pro 智能手机", "X1 Pro smartphone"),
                    ("X1 mini 智能手机", "X1 mini smartphone"),
                    ("Note 12 大屏手机", "Note 12 big-screen phone"),
                    ("Note 12 Pro 大屏手机", "Note 12 Pro big-screen phone"),
                    ("Lite 5 轻薄手机", "Lite 5 slim phone"),
                    ("A9 影像手机", "A9 camera phone"),
                    ("A9 Ultra 影像手机", "A9 Ultra camera phone"),
                    ("Fold 3 折叠屏手机", "Fold 3 foldable phone"),
                    ("Flip 2 小折叠手机", "Flip 2 flip phone"),
                ],
                blurb: (
                    "旗舰芯片、长续航与快速充电，支持 5G 双卡双待。",
                    "A flagship chip, long battery life and fast charging, with dual-SIM 5G.",
                ),
            },
            DemoLeaf {
                slug: "headphones",
                zh: "耳机",
                en: "Headphones",
                icon: "headphones",
                sku_prefix: "HP",
                brands: ["moshi", "yunduo"],
                price_range: (199, 2499),
                colors: &[("黑色", "Black"), ("白色", "White"), ("雾蓝", "Mist blue")],
                sizes: &[],
                products: [
                    ("主动降噪头戴耳机", "ANC over-ear headphones"),
                    ("真无线耳机", "True wireless earbuds"),
                    ("运动挂耳耳机", "Sports ear-hook earbuds"),
                    ("骨传导耳机", "Bone-conduction headphones"),
                    ("头戴式监听耳机", "Studio monitor headphones"),
                    ("开放式耳机", "Open-ear earbuds"),
                    ("游戏耳机", "Gaming headset"),
                    ("儿童耳机", "Kids' headphones"),
                    ("降噪耳塞 Pro", "Noise-cancelling earbuds Pro"),
                    ("蓝牙颈挂耳机", "Bluetooth neckband earphones"),
                ],
                blurb: (
                    "清晰人声与饱满低音，蓝牙 5.3 稳定连接。",
                    "Clear voices and full bass over a steady Bluetooth 5.3 link.",
                ),
            },
        ],
    },
    DemoCategory {
        slug: "home",
        zh: "家居",
        en: "Home & living",
        children: [
            DemoLeaf {
                slug: "kitchen",
                zh: "厨具",
                en: "Kitchenware",
                icon: "pot",
                sku_prefix: "KT",
                brands: ["zhuyu", "qingyou"],
                price_range: (89, 899),
                colors: &[("石墨灰", "Graphite"), ("奶油白", "Cream")],
                sizes: &[("24cm", 0), ("28cm", 30)],
                products: [
                    ("不粘炒锅", "Non-stick wok"),
                    ("铸铁珐琅锅", "Enamelled cast-iron pot"),
                    ("不锈钢汤锅", "Stainless steel stock pot"),
                    ("陶瓷刀具套装", "Ceramic knife set"),
                    ("竹制砧板", "Bamboo chopping board"),
                    ("智能电饭煲", "Smart rice cooker"),
                    ("手冲咖啡壶", "Pour-over kettle"),
                    ("玻璃保鲜盒", "Glass food containers"),
                    ("平底煎锅", "Frying pan"),
                    ("竹编蒸笼", "Bamboo steamer"),
                ],
                blurb: (
                    "食品级材质，受热均匀，燃气灶与电磁炉通用。",
                    "Food-grade materials that heat evenly, on gas and induction hobs.",
                ),
            },
            DemoLeaf {
                slug: "bedding",
                zh: "床品",
                en: "Bedding",
                icon: "pillow",
                sku_prefix: "BD",
                brands: ["yunduo", "zhuyu"],
                price_range: (199, 1999),
                colors: &[
                    ("雾霾蓝", "Haze blue"),
                    ("燕麦色", "Oat"),
                    ("浅灰", "Light grey"),
                ],
                sizes: &[("1.5m", 0), ("1.8m", 60), ("2.0m", 120)],
                products: [
                    ("全棉四件套", "Cotton bedding set, 4 pieces"),
                    ("桑蚕丝被", "Mulberry silk duvet"),
                    ("白鹅绒枕", "Goose-down pillow"),
                    ("记忆棉枕", "Memory-foam pillow"),
                    ("天丝床笠", "Tencel fitted sheet"),
                    ("法兰绒毛毯", "Flannel blanket"),
                    ("乳胶床垫", "Latex mattress topper"),
                    ("水洗棉夏凉被", "Washed-cotton summer quilt"),
                    ("荞麦壳枕", "Buckwheat pillow"),
                    ("床头靠垫", "Bed backrest cushion"),
                ],
                blurb: (
                    "透气亲肤，一夜好眠；支持机洗，易打理。",
                    "Breathable and soft for a good night's sleep; machine washable.",
                ),
            },
        ],
    },
];

/// Every colour the catalogue uses, `(zh, en, hex)`: the colour its pictures draw the
/// product in. Light colours (white, cream…) get an outline in the pictures.
pub const COLORS: [(&str, &str, &str); 16] = [
    ("白色", "White", "#f5f5f0"),
    ("黑色", "Black", "#1f2937"),
    ("藏青", "Navy", "#1e3a5f"),
    ("军绿", "Olive", "#4b5320"),
    ("卡其", "Khaki", "#c3b091"),
    ("黑白", "Black/White", "#1f2937"),
    ("荧光绿", "Volt green", "#b6e02a"),
    ("米色", "Beige", "#e3d3b5"),
    ("曜石黑", "Obsidian", "#111827"),
    ("冰川白", "Glacier white", "#edf2f6"),
    ("雾蓝", "Mist blue", "#a3b9cc"),
    ("石墨灰", "Graphite", "#41454c"),
    ("奶油白", "Cream", "#f2e8cf"),
    ("雾霾蓝", "Haze blue", "#7a9cb8"),
    ("燕麦色", "Oat", "#d5c4a1"),
    ("浅灰", "Light grey", "#c8ccd2"),
];

/// The `#rrggbb` of a colour by its English name.
pub fn color_hex(color_en: &str) -> Option<&'static str> {
    COLORS.iter().find(|c| c.1 == color_en).map(|c| c.2)
}

/// Width and height in pixels of every demo picture.
pub const PICTURE_SIZE: i64 = 200;

/// The file (in public/img/demo) of a picture of family `icon` in a colour: `jacket-olive.svg`;
/// without a colour the family's default picture, `jacket-0.svg`, which is also the
/// category tile. Every product of a family shares its pictures.
pub fn image_file(icon: &str, color_en: Option<&str>) -> String {
    match color_en {
        Some(color) => format!("{icon}-{}.svg", slugify(color)),
        None => format!("{icon}-0.svg"),
    }
}

/// The pictures of each product of `leaf`, in variant order: one per colour `(zh, en)`, or
/// the family's default picture when the leaf has no colours.
pub fn product_pictures(leaf: &DemoLeaf) -> Vec<(Option<(&'static str, &'static str)>, String)> {
    if leaf.colors.is_empty() {
        return vec![(None, image_file(leaf.icon, None))];
    }
    leaf.colors
        .iter()
        .map(|&(zh, en)| (Some((zh, en)), image_file(leaf.icon, Some(en))))
        .collect()
}

/// A lower-case, hyphenated slug of an English name.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Base price in fen of product `i` (0–9) of a leaf: evenly spread, ending in 9 yuan.
pub fn base_price(range: (i64, i64), i: usize) -> i64 {
    let (lo, hi) = range;
    let i = i64::try_from(i).unwrap_or(0);
    let raw = lo + (hi - lo) * i / 9;
    (raw / 10 * 10 + 9).max(lo) * 100
}

/// Units on hand of one variant in one warehouse: varied, with some sold out and some low.
pub fn stock_quantity(product: usize, variant: usize, warehouse: usize) -> i64 {
    if product % 19 == 7 {
        return 0; // a few products are sold out everywhere
    }
    let h = (product * 31 + variant * 17 + warehouse * 7) % 23;
    match h {
        0 | 1 => 0,
        2 | 3 => 2,
        _ => i64::try_from(h * 3).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn eighty_unique_products() {
        let slugs: HashSet<String> = CATALOG
            .iter()
            .flat_map(|c| c.children.iter())
            .flat_map(|l| l.products.iter().map(|p| slugify(p.1)))
            .collect();
        assert_eq!(slugs.len(), 80);
        // what `shared::catalog::Slug::parse` accepts (the xtask compiles this file too and
        // does not depend on `shared`)
        assert!(slugs.iter().all(|s| !s.is_empty()
            && s.len() <= 80
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")));
    }

    #[test]
    fn every_colour_has_its_picture_colour() {
        let leaves: Vec<&DemoLeaf> = CATALOG.iter().flat_map(|c| c.children.iter()).collect();
        for leaf in &leaves {
            for &(zh, en) in leaf.colors {
                assert!(
                    COLORS.iter().any(|c| c.0 == zh && c.1 == en),
                    "{zh} / {en} ({}) is missing from COLORS",
                    leaf.slug
                );
            }
        }
        for (zh, en, hex) in COLORS {
            assert!(
                leaves
                    .iter()
                    .any(|l| l.colors.iter().any(|c| c.0 == zh && c.1 == en)),
                "{zh} / {en} in COLORS is used by no product"
            );
            assert_eq!(COLORS.iter().filter(|c| c.1 == en).count(), 1, "{en} twice");
            assert!(
                hex.len() == 7
                    && hex.starts_with('#')
                    && hex[1..]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{en}: {hex} is not #rrggbb"
            );
        }
    }

    #[test]
    fn pictures_follow_the_variants() {
        let jackets = &CATALOG[0].children[1];
        assert_eq!(image_file("jacket", Some("Olive")), "jacket-olive.svg");
        assert_eq!(
            image_file("runner", Some("Black/White")),
            "runner-black-white.svg"
        );
        assert_eq!(image_file("jacket", None), "jacket-0.svg");
        let pictures = product_pictures(jackets);
        assert_eq!(pictures.len(), 3);
        assert_eq!(pictures[1].0, Some(("军绿", "Olive")));
        assert_eq!(pictures[1].1, "jacket-olive.svg");
        let bare = DemoLeaf {
            colors: &[],
            ..CATALOG[2].children[1]
        };
        let pictures = product_pictures(&bare);
        assert_eq!(pictures.len(), 1);
        assert_eq!(pictures[0].0, None);
        assert_eq!(pictures[0].1, "headphones-0.svg");
        // the pictures of one family never share a file
        for leaf in CATALOG.iter().flat_map(|c| c.children.iter()) {
            let files: HashSet<String> = product_pictures(leaf)
                .into_iter()
                .map(|p| p.1)
                .chain([image_file(leaf.icon, None)])
                .collect();
            assert_eq!(files.len(), leaf.colors.len() + 1, "{}", leaf.slug);
        }
    }

    #[test]
    fn prices_and_stock() {
        assert_eq!(base_price((79, 199), 0), 7900);
        assert_eq!(base_price((79, 199), 9), 19900);
        assert_eq!(slugify("Kids' headphones"), "kids-headphones");
        let total: i64 = (0..80).map(|p| stock_quantity(p, 0, 0)).sum();
        assert!(total > 0);
    }
}
