//! The strings of the product list, the product editor and the CSV import.

use shared::catalog::admin::{ProductStatus, StockFilter};
use shared::catalog::csv::{CsvProblem, RowError, MAX_ROWS};
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum P {
    // the list
    SearchPlaceholder,
    Category,
    Brand,
    Status,
    Stock,
    Product,
    Price,
    Variants,
    Available,
    Updated,
    NewProduct,
    ImportCsv,
    ExportCsv,
    Publish,
    Unpublish,
    MoveTo,
    Move,
    ChangePrice,
    PercentHint,
    PercentInvalid,
    PickCategory,
    Scheduled,
    // the editor
    Basics,
    Description,
    DescriptionHint,
    Featured,
    Warranty,
    WarrantyHint,
    Kind,
    KindHint,
    PublishAt,
    PublishAtHint,
    Options,
    OptionsHint,
    OptionName,
    Option1,
    Option2,
    AddValue,
    ValueZh,
    ValueEn,
    Value,
    VariantGrid,
    VariantGridHint,
    Sku,
    Barcode,
    CompareAt,
    Cost,
    WeightGrams,
    OnHand,
    FillPrices,
    Images,
    ImagesHint,
    AddImage,
    AltZh,
    AltEn,
    ImageColor,
    AnyColor,
    MoveLeft,
    MoveRight,
    Created,
    Saved,
    ViewInShop,
    ViewInShopEn,
    BackToList,
    NoCategoriesYet,
    // the import
    ImportIntro,
    ImportRules,
    ChooseFile,
    Checking,
    Importing,
    Rows,
    Products,
    New,
    ChangedCount,
    Unchanged,
    NoErrors,
    ErrorsFound,
    Line,
    Column,
    Reason,
    ApplyImport,
    Imported,
    FixAndChoose,
    ExportTemplate,
    MoreErrors,
}

impl Translate for P {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            P::SearchPlaceholder => ("搜索名称、网址别名或 SKU", "Search names, slugs or SKUs"),
            P::Category => ("分类", "Category"),
            P::Brand => ("品牌", "Brand"),
            P::Status => ("状态", "Status"),
            P::Stock => ("库存", "Stock"),
            P::Product => ("商品", "Product"),
            P::Price => ("售价", "Price"),
            P::Variants => ("规格数", "Variants"),
            P::Available => ("可售", "Available"),
            P::Updated => ("更新时间", "Updated"),
            P::NewProduct => ("新建商品", "New product"),
            P::ImportCsv => ("导入 CSV", "Import CSV"),
            P::ExportCsv => ("导出 CSV", "Export CSV"),
            P::Publish => ("上架", "Publish"),
            P::Unpublish => ("下架", "Unpublish"),
            P::MoveTo => ("移动到分类", "Move to category"),
            P::Move => ("移动", "Move"),
            P::ChangePrice => ("调整价格（%）", "Change price (%)"),
            P::PercentHint => ("如 -10 表示降价 10%", "e.g. -10 lowers prices by 10 %"),
            P::PercentInvalid => (
                "请输入 -90 到 1000 之间的百分比。",
                "Enter a percentage between -90 and 1000.",
            ),
            P::PickCategory => ("请选择分类", "Choose a category"),
            P::Scheduled => ("定时上架", "Scheduled"),
            P::Basics => ("基本信息", "Basics"),
            P::Description => ("商品介绍", "Description"),
            P::DescriptionHint => (
                "段落之间空一行；以“- ”开头的行是列表；支持 HTML 标签 strong、em、a，其他标记保存时会被移除。",
                "Leave a blank line between paragraphs; lines starting with “- ” make a list; the HTML tags strong, em and a work, other markup is removed when saved.",
            ),
            P::Featured => ("首页推荐", "Featured on the home page"),
            P::Warranty => ("保修期（天）", "Warranty (days)"),
            P::WarrantyHint => (
                "自签收起可申请维修的天数，0 表示不保修。",
                "Days after delivery in which the customer may ask for a repair; 0 for none.",
            ),
            P::Kind => ("物料类型", "Item type"),
            P::KindHint => (
                "原材料只在库存和采购中出现，不在商城展示、不能下单。",
                "Raw materials appear in stock and purchasing only: never shown in the shop, never ordered.",
            ),
            P::PublishAt => ("定时上架", "Publish at"),
            P::PublishAtHint => (
                "草稿到这个时间（店铺时区）会自动上架；留空则不定时。",
                "A draft is published at this time (the shop's time zone); leave empty for none.",
            ),
            P::Options => ("选项与规格", "Options and variants"),
            P::OptionsHint => (
                "最多两种选项（如颜色和尺码）；每种选项的值组合成下方的规格表。",
                "Up to two option types (such as colour and size); their values combine into the variant grid below.",
            ),
            P::OptionName => ("选项名称", "Option name"),
            P::Option1 => ("选项一（如颜色）", "Option 1 (e.g. colour)"),
            P::Option2 => ("选项二（如尺码）", "Option 2 (e.g. size)"),
            P::AddValue => ("添加选项值", "Add a value"),
            P::ValueZh => ("中文值", "Chinese value"),
            P::ValueEn => ("英文值", "English value"),
            P::Value => ("值", "Value"),
            P::VariantGrid => ("规格表", "Variant grid"),
            P::VariantGridHint => (
                "价格以元为单位（如 89.00）；条码为 EAN-13，可留空。新的组合不填 SKU 即不销售。",
                "Prices in yuan (e.g. 89.00); barcodes are EAN-13 and may be left empty. A new combination left without a SKU is not sold.",
            ),
            P::Sku => ("SKU", "SKU"),
            P::Barcode => ("条码", "Barcode"),
            P::CompareAt => ("划线价", "Compare-at"),
            P::Cost => ("成本", "Cost"),
            P::WeightGrams => ("重量（克）", "Weight (g)"),
            P::OnHand => ("可售库存", "Available"),
            P::FillPrices => ("所有规格使用第一行的价格", "Copy the first row's prices to all"),
            P::Images => ("商品图片", "Pictures"),
            P::ImagesHint => (
                "JPEG、PNG 或 WebP，最大 10 MB；第一张是主图。可为每张图片指定颜色，顾客选择该颜色时显示。",
                "JPEG, PNG or WebP up to 10 MB; the first is the main picture. A picture given a colour shows when a shopper picks that colour.",
            ),
            P::AddImage => ("添加图片", "Add a picture"),
            P::AltZh => ("替代文字（中文）", "Alt text (Chinese)"),
            P::AltEn => ("替代文字（英文）", "Alt text (English)"),
            P::ImageColor => ("对应颜色", "Colour"),
            P::AnyColor => ("（所有颜色）", "(every colour)"),
            P::MoveLeft => ("前移", "Move earlier"),
            P::MoveRight => ("后移", "Move later"),
            P::Created => ("商品已创建", "Product created"),
            P::Saved => ("商品已保存", "Product saved"),
            P::ViewInShop => ("在店铺中查看", "View in the shop"),
            P::ViewInShopEn => ("英文页", "English page"),
            P::BackToList => ("返回商品列表", "Back to the products"),
            P::NoCategoriesYet => (
                "请先创建分类和品牌。",
                "Create a category and a brand first.",
            ),
            P::ImportIntro => (
                "用 CSV 文件批量创建和更新商品：每行一个规格，按 SKU 匹配已有规格。先检查文件，确认无误后再导入，导入要么全部成功，要么什么也不改。",
                "Create and update products in bulk from a CSV file: one variant per row, matched to existing variants by SKU. The file is checked first; the import then writes everything or nothing.",
            ),
            P::ImportRules => (
                "最简单的做法：先导出 CSV 作为模板，在表格软件中修改后另存为“CSV UTF-8”。同一商品的各行使用相同的 product_slug；缺少的列保持原值。",
                "The easiest way: export a CSV as a template, change it in a spreadsheet and save it as “CSV UTF-8”. A product's rows share one product_slug; columns left out keep their values.",
            ),
            P::ChooseFile => ("选择 CSV 文件", "Choose a CSV file"),
            P::Checking => ("正在检查文件…", "Checking the file…"),
            P::Importing => ("正在导入…", "Importing…"),
            P::Rows => ("行", "Rows"),
            P::Products => ("商品", "Products"),
            P::New => ("新增", "New"),
            P::ChangedCount => ("修改", "Changed"),
            P::Unchanged => ("不变", "Unchanged"),
            P::NoErrors => (
                "文件没有问题。导入后将按上面的数字修改商品。",
                "The file has no problems. Importing changes the products as counted above.",
            ),
            P::ErrorsFound => (
                "文件有问题，尚未写入任何内容：",
                "The file has problems; nothing was written:",
            ),
            P::Line => ("行号", "Line"),
            P::Column => ("列", "Column"),
            P::Reason => ("原因", "Reason"),
            P::ApplyImport => ("导入", "Import"),
            P::Imported => ("导入完成", "Imported"),
            P::FixAndChoose => (
                "请修改文件后重新选择。",
                "Fix the file and choose it again.",
            ),
            P::ExportTemplate => ("导出全部商品作为模板", "Export every product as a template"),
            P::MoreErrors => ("只列出前 1000 个问题。", "Only the first 1,000 problems are listed."),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: ProductStatus) -> &'static str {
    let (zh, en) = match s {
        ProductStatus::Draft => ("草稿", "Draft"),
        ProductStatus::Active => ("已上架", "Published"),
        ProductStatus::Archived => ("已归档", "Archived"),
    };
    locale.pick(zh, en)
}

pub fn stock(locale: Locale, s: StockFilter) -> &'static str {
    let (zh, en) = match s {
        StockFilter::InStock => ("有货", "In stock"),
        StockFilter::Low => ("库存紧张", "Low"),
        StockFilter::OutOfStock => ("缺货", "Out of stock"),
    };
    locale.pick(zh, en)
}

pub fn stock_code(s: StockFilter) -> &'static str {
    match s {
        StockFilter::InStock => "in_stock",
        StockFilter::Low => "low",
        StockFilter::OutOfStock => "out_of_stock",
    }
}

/// "已更新 3 件商品" / "3 products changed".
pub fn changed(locale: Locale, n: usize) -> String {
    match locale {
        Locale::ZhCn => format!("已更新 {n} 件商品"),
        Locale::En if n == 1 => "1 product changed".to_string(),
        Locale::En => format!("{n} products changed"),
    }
}

/// "已检查 300 / 2500 件商品".
pub fn progress(locale: Locale, done: u64, total: u64) -> String {
    match locale {
        Locale::ZhCn => format!("已处理 {done} / {total} 件商品"),
        Locale::En => format!("{done} of {total} products done"),
    }
}

/// "共 3 个问题" / "3 problems".
pub fn problem_count(locale: Locale, n: u64) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 个问题"),
        Locale::En if n == 1 => "1 problem".to_string(),
        Locale::En => format!("{n} problems"),
    }
}

/// Why a row of an import was refused, in the staff member's language.
pub fn row_error(locale: Locale, e: &RowError) -> String {
    if e.problem == CsvProblem::Rule {
        if let Some(text) = e.rule.as_deref().and_then(|r| crate::text::rule(locale, r)) {
            return text.to_string();
        }
        return e.message.clone();
    }
    let (zh, en) = match e.problem {
        CsvProblem::NotUtf8 => (
            "文件不是 UTF-8 编码（可能是 GBK）：请在表格软件中另存为“CSV UTF-8”。",
            "The file is not UTF-8 (perhaps GBK): save it as “CSV UTF-8” in the spreadsheet.",
        ),
        CsvProblem::Malformed => (
            "这一行不是规范的 CSV（引号未闭合或列数不对）。",
            "This line is not well-formed CSV (an open quote or the wrong number of cells).",
        ),
        CsvProblem::Empty => (
            "文件只有表头，没有数据行。",
            "The file has a header but no rows.",
        ),
        CsvProblem::TooManyRows => {
            return match locale {
                Locale::ZhCn => format!("行数太多（最多 {MAX_ROWS} 行）。"),
                Locale::En => format!("Too many rows (at most {MAX_ROWS})."),
            }
        }
        CsvProblem::ColumnUnknown => ("没有这个列名。", "There is no such column."),
        CsvProblem::ColumnMissing => ("缺少必需的列。", "A column that is needed is missing."),
        CsvProblem::ColumnRepeated => ("这个列出现了两次。", "This column appears twice."),
        CsvProblem::CellTooLong => ("单元格内容太长。", "The cell is too long."),
        CsvProblem::SkuRepeated => (
            "这个 SKU 在前面的行中已出现。",
            "This SKU is on an earlier row too.",
        ),
        CsvProblem::SkusOfOtherProducts => (
            "同一 product_slug 的 SKU 属于不同的商品。",
            "The SKUs of this product_slug belong to different products.",
        ),
        CsvProblem::ProductCellDiffers => (
            "同一商品的各行在商品字段上必须一致（或留空）。",
            "A product's rows must agree on its product fields (or leave them empty).",
        ),
        CsvProblem::PriceInvalid => (
            "价格无效：请写成不小于 0 的元金额，如 89.00。",
            "Not a price: write a sum in yuan, not below zero, such as 89.00.",
        ),
        CsvProblem::NumberInvalid => ("不是有效的数字。", "Not a number."),
        CsvProblem::StatusUnknown => (
            "状态只能是 draft、active 或 archived。",
            "The status is draft, active or archived.",
        ),
        CsvProblem::CategoryUnknown => {
            ("没有这个分类（按网址别名）。", "No category has this slug.")
        }
        CsvProblem::BrandUnknown => ("没有这个品牌（按网址别名）。", "No brand has this slug."),
        CsvProblem::FlagInvalid => ("请填写 true 或 false。", "Write true or false."),
        CsvProblem::TimeInvalid => (
            "时间格式为 YYYY-MM-DD HH:MM（店铺时区）。",
            "Write the time as YYYY-MM-DD HH:MM (the shop's time zone).",
        ),
        CsvProblem::ImagesInvalid => (
            "images 列不是导出时的 JSON 格式。",
            "The images cell is not the JSON list the export writes.",
        ),
        CsvProblem::Required => (
            "新商品需要名称（中英文）、分类和品牌。",
            "A new product needs its names (both languages), a category and a brand.",
        ),
        CsvProblem::Rule => ("", ""),
    };
    locale.pick(zh, en).to_string()
}
