//! The inventory pages' strings (库存、调拨、盘点、估值).

use shared::stock::{ItemKind, StocktakeStatus, TransferStatus};
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum I {
    Warehouse,
    Kind,
    LowOnly,
    Search,
    Sku,
    Item,
    Bin,
    OnHand,
    Reserved,
    Available,
    InTransit,
    ReorderPoint,
    Low,
    Save,
    Saved,
    NewTransfer,
    From,
    To,
    Quantity,
    AddLine,
    Note,
    Request,
    Requested,
    Transfer,
    Status,
    Units,
    Created,
    Ship,
    Receive,
    Received,
    Cancel,
    Zone,
    WholeWarehouse,
    Start,
    Stocktake,
    Counted,
    Expected,
    Variance,
    Submit,
    Approve,
    Recount,
    Progress,
    History,
    Value,
    CostOfSales,
    Turnover,
    Category,
    ValueByCategory,
    NoStock,
    NumberNeeded,
    AllWarehouses,
}

impl Translate for I {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            I::Warehouse => ("仓库", "Warehouse"),
            I::Kind => ("物料类型", "Kind"),
            I::LowOnly => ("只看低于补货点", "Below reorder point only"),
            I::Search => ("搜索 SKU 或商品名", "Search SKU or name"),
            I::Sku => ("SKU", "SKU"),
            I::Item => ("商品", "Item"),
            I::Bin => ("库位", "Bin"),
            I::OnHand => ("在库", "On hand"),
            I::Reserved => ("已占用", "Reserved"),
            I::Available => ("可用", "Available"),
            I::InTransit => ("在途", "In transit"),
            I::ReorderPoint => ("补货点", "Reorder point"),
            I::Low => ("需补货", "Reorder"),
            I::Save => ("保存", "Save"),
            I::Saved => ("已保存", "Saved"),
            I::NewTransfer => ("新建调拨单", "New transfer"),
            I::From => ("调出仓", "From"),
            I::To => ("调入仓", "To"),
            I::Quantity => ("数量", "Quantity"),
            I::AddLine => ("添加一行", "Add a line"),
            I::Note => ("备注", "Note"),
            I::Request => ("提交调拨申请", "Request transfer"),
            I::Requested => ("调拨申请已提交", "Transfer requested"),
            I::Transfer => ("调拨单", "Transfer"),
            I::Status => ("状态", "Status"),
            I::Units => ("件数", "Units"),
            I::Created => ("创建时间", "Created"),
            I::Ship => ("调拨出库", "Ship"),
            I::Receive => ("确认入库", "Receive"),
            I::Received => ("实收", "Received"),
            I::Cancel => ("取消调拨", "Cancel transfer"),
            I::Zone => ("库区", "Zone"),
            I::WholeWarehouse => ("整仓", "Whole warehouse"),
            I::Start => ("开始盘点", "Start counting"),
            I::Stocktake => ("盘点单", "Stocktake"),
            I::Counted => ("实盘", "Counted"),
            I::Expected => ("账面（开单时）", "Books (at start)"),
            I::Variance => ("差异", "Variance"),
            I::Submit => ("提交审核", "Submit for approval"),
            I::Approve => ("审核通过，调整库存", "Approve variances"),
            I::Recount => ("退回重盘", "Send back for recount"),
            I::Progress => ("已盘", "Counted"),
            I::History => ("处理记录", "History"),
            I::Value => ("库存金额", "Stock value"),
            I::CostOfSales => ("近 30 天出库成本", "Cost of sales, 30 days"),
            I::Turnover => ("周转率（30 天）", "Turnover (30 days)"),
            I::Category => ("分类", "Category"),
            I::ValueByCategory => ("各分类库存金额", "Stock value by category"),
            I::NoStock => ("没有库存。", "No stock."),
            I::NumberNeeded => ("请输入整数。", "Enter a whole number."),
            I::AllWarehouses => ("全部仓库", "All warehouses"),
        };
        locale.pick(zh, en)
    }
}

pub fn kind(locale: Locale, k: ItemKind) -> &'static str {
    let (zh, en) = match k {
        ItemKind::FinishedGood => ("成品", "Finished goods"),
        ItemKind::RawMaterial => ("原材料", "Raw materials"),
    };
    locale.pick(zh, en)
}

pub fn transfer_status(locale: Locale, s: TransferStatus) -> &'static str {
    let (zh, en) = match s {
        TransferStatus::Requested => ("已申请", "Requested"),
        TransferStatus::Shipped => ("在途", "In transit"),
        TransferStatus::Received => ("已入库", "Received"),
        TransferStatus::Cancelled => ("已取消", "Cancelled"),
    };
    locale.pick(zh, en)
}

pub fn stocktake_status(locale: Locale, s: StocktakeStatus) -> &'static str {
    let (zh, en) = match s {
        StocktakeStatus::Counting => ("盘点中", "Counting"),
        StocktakeStatus::Review => ("待审核", "In review"),
        StocktakeStatus::Approved => ("已审核", "Approved"),
        StocktakeStatus::Cancelled => ("已取消", "Cancelled"),
    };
    locale.pick(zh, en)
}

/// The inventory problems the server names.
pub fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "lines" => ("调拨单需要 1–100 行。", "A transfer has 1 to 100 lines."),
        "quantity" => ("每行数量为 1–100,000。", "A line moves 1 to 100,000 units."),
        "variant" => (
            "该仓库没有这个商品。",
            "That warehouse does not keep this item.",
        ),
        "received" => (
            "实收数量不能超过调出数量。",
            "More cannot arrive than was sent.",
        ),
        "stocktake_open" => (
            "这些库位已有进行中的盘点单，请先完成或审核。",
            "A stocktake of these shelves is open already: finish or approve it first.",
        ),
        "nothing_to_count" => ("那里没有可盘点的库存。", "Nothing is kept there to count."),
        "zone" => (
            "库区为 1–4 位字母或数字。",
            "A zone is 1 to 4 letters or digits.",
        ),
        "not_counting" => (
            "该盘点单不在盘点中。",
            "This stocktake is not being counted.",
        ),
        "counted" => ("盘点数量为 0–1,000,000。", "A count is 0 to 1,000,000."),
        "reserved_exceeds_count" => (
            "实盘数量少于订单占用数量：请先把这些订单改派到其他仓库。",
            "Fewer were counted than orders hold: move those orders to another warehouse first.",
        ),
        "reorder_point" => (
            "补货点为 0–1,000,000。",
            "A reorder point is 0 to 1,000,000 units.",
        ),
        _ => return None,
    })
}
