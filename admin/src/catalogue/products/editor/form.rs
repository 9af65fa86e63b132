//! The editor's state: every field a signal, the option values with keys that survive
//! renaming, the variant grid's rows by those keys, and the draft it sends.

use super::*;

/// A row of the variant grid, kept by the option values it stands for (so renaming a
/// value keeps its prices), as the inputs hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Cell {
    pub(super) id: Option<VariantId>,
    pub(super) sku: String,
    pub(super) barcode: String,
    pub(super) price: String,
    pub(super) compare_at: String,
    pub(super) cost: String,
    pub(super) weight: String,
    pub(super) available: Option<i64>,
}

pub(super) type Key = (Option<u32>, Option<u32>);

/// The option values, each with a key that stays when it is renamed.
pub(super) type Colours = RwSignal<Vec<(u32, ArcRwSignal<Localized>)>>;
pub(super) type Sizes = RwSignal<Vec<(u32, ArcRwSignal<String>)>>;

pub(super) fn money_text(minor: Option<i64>) -> String {
    minor
        .map(|m| format_price(m, Currency::CNY))
        .unwrap_or_default()
}

/// The grid's keys: every colour with every size, in order.
pub(super) fn grid(colours: Colours, sizes: Sizes) -> Vec<Key> {
    let cs: Vec<Option<u32>> = colours.with(|c| c.iter().map(|(k, _)| Some(*k)).collect());
    let ss: Vec<Option<u32>> = sizes.with(|s| s.iter().map(|(k, _)| Some(*k)).collect());
    let cs = if cs.is_empty() { vec![None] } else { cs };
    let ss = if ss.is_empty() { vec![None] } else { ss };
    cs.iter()
        .flat_map(|c| ss.iter().map(move |s| (*c, *s)))
        .collect()
}

/// The form's state, every part a signal the inputs write.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) name: RwSignal<Localized>,
    pub(super) slug: RwSignal<String>,
    pub(super) description: RwSignal<Localized>,
    pub(super) category: RwSignal<String>,
    pub(super) brand: RwSignal<String>,
    pub(super) status: RwSignal<ProductStatus>,
    pub(super) publish_at: RwSignal<String>,
    pub(super) featured: RwSignal<bool>,
    pub(super) kind: RwSignal<ItemKind>,
    pub(super) warranty: RwSignal<String>,
    pub(super) option1: RwSignal<Localized>,
    pub(super) option2: RwSignal<Localized>,
    pub(super) colours: Colours,
    pub(super) sizes: Sizes,
    pub(super) cells: StoredValue<HashMap<Key, ArcRwSignal<Cell>>>,
    pub(super) images: RwSignal<Vec<(u32, ArcRwSignal<ImageDraft>, String)>>,
    pub(super) seo: RwSignal<Seo>,
    pub(super) next_key: StoredValue<u32>,
    /// The grid row of each variant last sent (rows without a SKU are left out).
    pub(super) sent: StoredValue<Vec<usize>>,
    pub(super) dirty: RwSignal<bool>,
}

impl Form {
    pub(super) fn new(loaded: &Loaded, dirty: RwSignal<bool>) -> Form {
        let (o1, o2) = default_options();
        let draft = loaded.product.as_ref().map(|p| p.draft.clone());
        let mut key = 0_u32;
        let mut next = || {
            key += 1;
            key
        };
        let mut colours: Vec<(u32, ArcRwSignal<Localized>)> = Vec::new();
        let mut sizes: Vec<(u32, ArcRwSignal<String>)> = Vec::new();
        let mut cells: HashMap<Key, ArcRwSignal<Cell>> = HashMap::new();
        let available: HashMap<VariantId, i64> = loaded
            .product
            .iter()
            .flat_map(|p| p.variants.iter())
            .filter_map(|v| v.draft.id.map(|id| (id, v.available)))
            .collect();
        for v in draft.iter().flat_map(|d| d.variants.iter()) {
            let c = v.color.as_ref().map(|color| {
                match colours
                    .iter()
                    .find(|(_, c)| c.with_untracked(|c| c == color))
                {
                    Some((k, _)) => *k,
                    None => {
                        let k = next();
                        colours.push((k, ArcRwSignal::new(color.clone())));
                        k
                    }
                }
            });
            let s = v.size.as_ref().map(|size| {
                match sizes.iter().find(|(_, s)| s.with_untracked(|s| s == size)) {
                    Some((k, _)) => *k,
                    None => {
                        let k = next();
                        sizes.push((k, ArcRwSignal::new(size.clone())));
                        k
                    }
                }
            });
            cells.insert(
                (c, s),
                ArcRwSignal::new(Cell {
                    id: v.id,
                    sku: v.sku.clone(),
                    barcode: v.barcode.clone().unwrap_or_default(),
                    price: format_price(v.price, Currency::CNY),
                    compare_at: money_text(v.compare_at),
                    cost: money_text(v.cost),
                    weight: v.weight_grams.to_string(),
                    available: v.id.and_then(|id| available.get(&id).copied()),
                }),
            );
        }
        let previews: HashMap<String, String> = loaded
            .product
            .iter()
            .flat_map(|p| p.images.iter())
            .map(|i| (i.url.clone(), i.srcset.clone()))
            .collect();
        let images = draft
            .iter()
            .flat_map(|d| d.images.iter())
            .map(|i| {
                let srcset = previews.get(&i.url).cloned().unwrap_or_default();
                (next(), ArcRwSignal::new(i.clone()), srcset)
            })
            .collect();
        let first = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
        Form {
            name: RwSignal::new(draft.as_ref().map(|d| d.name.clone()).unwrap_or_default()),
            slug: RwSignal::new(draft.as_ref().map(|d| d.slug.clone()).unwrap_or_default()),
            description: RwSignal::new(
                draft
                    .as_ref()
                    .map(|d| {
                        Localized::new(
                            html_to_editable(&d.description.zh),
                            html_to_editable(&d.description.en),
                        )
                    })
                    .unwrap_or_default(),
            ),
            category: RwSignal::new(first(
                draft
                    .as_ref()
                    .map(|d| d.category_id.0)
                    .or(loaded.categories.first().map(|c| c.id.0)),
            )),
            brand: RwSignal::new(first(
                draft
                    .as_ref()
                    .map(|d| d.brand_id.0)
                    .or(loaded.brands.first().map(|b| b.id.0)),
            )),
            status: RwSignal::new(draft.as_ref().map_or(ProductStatus::Draft, |d| d.status)),
            publish_at: RwSignal::new(
                draft
                    .as_ref()
                    .and_then(|d| d.publish_at)
                    .map(|at| format_time(at).replacen(' ', "T", 1))
                    .unwrap_or_default(),
            ),
            featured: RwSignal::new(draft.as_ref().is_some_and(|d| d.featured)),
            kind: RwSignal::new(draft.as_ref().map(|d| d.kind).unwrap_or_default()),
            warranty: RwSignal::new(
                draft
                    .as_ref()
                    .map_or_else(shared::catalog::admin::default_warranty_days, |d| {
                        d.warranty_days
                    })
                    .to_string(),
            ),
            option1: RwSignal::new(draft.as_ref().map_or(o1, |d| d.option1.clone())),
            option2: RwSignal::new(draft.as_ref().map_or(o2, |d| d.option2.clone())),
            colours: RwSignal::new(colours),
            sizes: RwSignal::new(sizes),
            cells: StoredValue::new(cells),
            images: RwSignal::new(images),
            seo: RwSignal::new(draft.as_ref().map(|d| d.seo.clone()).unwrap_or_default()),
            next_key: StoredValue::new(key),
            sent: StoredValue::new(Vec::new()),
            dirty,
        }
    }

    pub(super) fn key(self) -> u32 {
        self.next_key.update_value(|k| *k += 1);
        self.next_key.get_value()
    }

    pub(super) fn touch(self) {
        self.dirty.set(true);
    }

    /// The grid row for `key` (a new row copies the first row's prices and weight).
    pub(super) fn cell(self, key: Key) -> ArcRwSignal<Cell> {
        let first = grid(self.colours, self.sizes).first().copied();
        let mut found = None;
        self.cells.update_value(|cells| {
            let template = first.and_then(|f| cells.get(&f)).map(|c| {
                c.with_untracked(|c| Cell {
                    price: c.price.clone(),
                    compare_at: c.compare_at.clone(),
                    cost: c.cost.clone(),
                    weight: c.weight.clone(),
                    ..Cell::default()
                })
            });
            found = Some(
                cells
                    .entry(key)
                    .or_insert_with(|| ArcRwSignal::new(template.unwrap_or_default()))
                    .clone(),
            );
        });
        found.unwrap_or_else(|| ArcRwSignal::new(Cell::default()))
    }

    /// Adds an empty value to option 1 (`first`) or option 2. The first value of an option
    /// takes over the rows that had none, so a product's variants keep their ids (and
    /// stock) when it gains an option.
    pub(super) fn add_value(self, first: bool) {
        let k = self.key();
        let was_empty = if first {
            self.colours.with_untracked(Vec::is_empty)
        } else {
            self.sizes.with_untracked(Vec::is_empty)
        };
        if was_empty {
            self.rekey(first, None, Some(k));
        }
        if first {
            self.colours
                .update(|c| c.push((k, ArcRwSignal::new(Localized::default()))));
        } else {
            self.sizes
                .update(|s| s.push((k, ArcRwSignal::new(String::new()))));
        }
        self.touch();
    }

    /// Removes a value; the last one hands its rows back to "no option". Pictures shown
    /// for a removed colour are shown for every colour.
    pub(super) fn remove_value(self, first: bool, k: u32) {
        let last = if first {
            self.colours.with_untracked(|c| c.len() == 1)
        } else {
            self.sizes.with_untracked(|s| s.len() == 1)
        };
        if last {
            self.rekey(first, Some(k), None);
        }
        if first {
            let gone = self.colour(Some(k)).map(|c| c.en.trim().to_string());
            self.colours.update(|c| c.retain(|(x, _)| *x != k));
            if let Some(en) = gone {
                self.recolour_pictures(&en, None);
            }
        } else {
            self.sizes.update(|s| s.retain(|(x, _)| *x != k));
        }
        self.touch();
    }

    /// Moves the rows of option value `from` to `to` (of option 1 when `first`).
    pub(super) fn rekey(self, first: bool, from: Option<u32>, to: Option<u32>) {
        self.cells.update_value(|cells| {
            let moving: Vec<Key> = cells
                .keys()
                .filter(|k| if first { k.0 == from } else { k.1 == from })
                .copied()
                .collect();
            for old in moving {
                if let Some(cell) = cells.remove(&old) {
                    let new = if first { (to, old.1) } else { (old.0, to) };
                    cells.entry(new).or_insert(cell);
                }
            }
        });
    }

    /// Pictures shown for colour `from` (its English value) are shown for `to` instead.
    pub(super) fn recolour_pictures(self, from: &str, to: Option<&str>) {
        if from.is_empty() {
            return;
        }
        self.images.with_untracked(|list| {
            for (_, image, _) in list {
                if image.with_untracked(|i| i.color_en.as_deref().map(str::trim) == Some(from)) {
                    image.update(|i| i.color_en = to.filter(|t| !t.is_empty()).map(str::to_string));
                }
            }
        });
    }

    /// A server error about `variants[n]` (of the variants sent) as the grid's row.
    pub(super) fn to_grid(self, mut e: ApiError) -> ApiError {
        let rows = self.sent.get_value();
        if let Some(field) = &e.field {
            if let Some(rest) = field.strip_prefix("variants[") {
                if let Some((n, tail)) = rest.split_once(']') {
                    if let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n)) {
                        e.field = Some(format!("variants[{row}]{tail}"));
                    }
                }
            }
        }
        e
    }

    pub(super) fn colour(self, key: Option<u32>) -> Option<Localized> {
        let key = key?;
        self.colours.with_untracked(|c| {
            c.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.get_untracked())
        })
    }

    pub(super) fn size(self, key: Option<u32>) -> Option<String> {
        let key = key?;
        self.sizes.with_untracked(|s| {
            s.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.get_untracked())
        })
    }

    /// The draft to send, or the first input that is not a number (field, problem).
    pub(super) fn draft(self) -> Result<ProductDraft, (String, &'static str)> {
        let mut variants = Vec::new();
        let mut rows = Vec::new();
        for (i, key) in grid(self.colours, self.sizes).into_iter().enumerate() {
            let c = self.cell(key).get_untracked();
            // a new row without a SKU is a combination not sold
            if c.id.is_none() && c.sku.trim().is_empty() {
                continue;
            }
            rows.push(i);
            let money = |text: &str, field: &str| -> Result<Option<i64>, (String, &'static str)> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(None);
                }
                parse_price(text, Currency::CNY)
                    .map(Some)
                    .ok_or((format!("variants[{i}].{field}"), "price_invalid"))
            };
            let price = money(&c.price, "price")?
                .ok_or((format!("variants[{i}].price"), "price_invalid"))?;
            let weight_grams = match c.weight.trim() {
                "" => 0,
                w => w
                    .parse()
                    .map_err(|_| (format!("variants[{i}].weight_grams"), "weight_invalid"))?,
            };
            let barcode = c.barcode.trim();
            variants.push(VariantDraft {
                id: c.id,
                sku: c.sku.trim().to_string(),
                barcode: (!barcode.is_empty()).then(|| barcode.to_string()),
                color: self.colour(key.0),
                size: self.size(key.1),
                price,
                compare_at: money(&c.compare_at, "compare_at")?,
                cost: money(&c.cost, "cost")?,
                weight_grams,
            });
        }
        self.sent.set_value(rows);
        let status = self.status.get_untracked();
        let publish_at = match self.publish_at.get_untracked().trim() {
            "" => None,
            _ if status != ProductStatus::Draft => None,
            at => Some(
                parse_time(&at.replacen('T', " ", 1))
                    .ok_or(("publish_at".to_string(), "time_invalid"))?,
            ),
        };
        let warranty_days = self
            .warranty
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= shared::catalog::admin::MAX_WARRANTY_DAYS)
            .ok_or(("warranty_days".to_string(), "warranty_invalid"))?;
        let typed = self.description.get_untracked();
        let id = |text: String| text.parse::<i64>().unwrap_or(0);
        Ok(ProductDraft {
            slug: self.slug.get_untracked().trim().to_string(),
            name: self.name.get_untracked(),
            description: Localized::new(editable_to_html(&typed.zh), editable_to_html(&typed.en)),
            category_id: CategoryId(id(self.category.get_untracked())),
            brand_id: BrandId(id(self.brand.get_untracked())),
            status,
            publish_at,
            featured: self.featured.get_untracked(),
            kind: self.kind.get_untracked(),
            warranty_days,
            option1: self.option1.get_untracked(),
            option2: self.option2.get_untracked(),
            variants,
            images: self
                .images
                .get_untracked()
                .iter()
                .map(|(_, i, _)| i.get_untracked())
                .collect(),
            seo: self.seo.get_untracked(),
        })
    }
}
