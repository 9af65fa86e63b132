//! The fulfilment pages' strings (订单履行、拣货、打包、发货): the operations chapter's terms.

use shared::fulfilment::{Carrier, PackageSize, PickListStatus, ShipmentStatus};
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F {
    Warehouse,
    WaitingShipments,
    CreatePickList,
    AwaitingAllocation,
    AllocateAll,
    Allocate,
    Allocated,
    NothingWaits,
    PickList,
    Shipment,
    Shipments,
    Status,
    Units,
    Created,
    CreatedBy,
    Progress,
    Bin,
    Sku,
    Item,
    Quantity,
    Picked,
    AllFound,
    Found,
    Scan,
    ScanHint,
    ScanUnknown,
    Complete,
    Completed,
    Print,
    Orders,
    Short,
    Recipient,
    Carrier,
    Tracking,
    TrackingHint,
    DeliverySlot,
    Package,
    Weight,
    Pack,
    Packed,
    Ship,
    ShippedAs,
    Deliver,
    Delivered,
    MoveTo,
    Move,
    Moved,
    Label,
    PackingSlip,
    History,
    From,
    To,
    Ordered,
    SaveCount,
    ShipBy,
    CountIsNumber,
    WeightIsNumber,
    PlanRoutes,
    Planned,
    Naive,
    Saved,
    Vans,
    Unplanned,
    Sketch,
    Day,
    NotPlanned,
    Eta,
    Parcels,
    NoRouteToday,
    Recorded,
    SignedByOrWhy,
    StopDelivered,
    StopFailed,
    RoutesPlanned,
    CarriersHint,
}

impl Translate for F {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            F::Warehouse => ("仓库", "Warehouse"),
            F::WaitingShipments => ("个发货单待拣货", "shipments wait to be picked"),
            F::CreatePickList => ("生成拣货单", "Create pick list"),
            F::AwaitingAllocation => ("待分配订单", "Orders awaiting allocation"),
            F::AllocateAll => ("全部分配", "Allocate all"),
            F::Allocate => ("分配仓库", "Allocate"),
            F::Allocated => ("已分配", "Allocated"),
            F::NothingWaits => ("没有待处理的订单。", "Nothing waits."),
            F::PickList => ("拣货单", "Pick list"),
            F::Shipment => ("发货单", "Shipment"),
            F::Shipments => ("发货单", "Shipments"),
            F::Status => ("状态", "Status"),
            F::Units => ("件数", "Units"),
            F::Created => ("创建时间", "Created"),
            F::CreatedBy => ("创建人", "Created by"),
            F::Progress => ("已清点", "Counted"),
            F::Bin => ("库位", "Bin"),
            F::Sku => ("SKU", "SKU"),
            F::Item => ("商品", "Item"),
            F::Quantity => ("应拣", "To pick"),
            F::Picked => ("实拣", "Picked"),
            F::AllFound => ("全部拣到", "All found"),
            F::Found => ("拣到数量", "Found"),
            F::Scan => ("扫码或输入条码 / SKU", "Scan or type a barcode / SKU"),
            F::ScanHint => (
                "每扫一次，该行实拣数量加一。",
                "Each scan adds one to its line.",
            ),
            F::ScanUnknown => (
                "这张拣货单上没有该条码。",
                "That code is not on this pick list.",
            ),
            F::Complete => ("完成拣货", "Complete picking"),
            F::Completed => ("拣货已完成", "Picking completed"),
            F::Print => ("打印", "Print"),
            F::Orders => ("订单", "Orders"),
            F::Short => ("缺货", "Short"),
            F::Recipient => ("收件人", "Recipient"),
            F::Carrier => ("承运商", "Carrier"),
            F::Tracking => ("运单号", "Tracking number"),
            F::DeliverySlot => ("配送时段", "Delivery slot"),
            F::TrackingHint => ("留空则自动生成。", "Leave empty to have one made up."),
            F::Package => ("包装规格", "Carton"),
            F::Weight => ("重量（克）", "Weight (grams)"),
            F::Pack => ("确认打包", "Pack"),
            F::Packed => ("已打包", "Packed"),
            F::Ship => ("确认发货", "Ship"),
            F::ShippedAs => ("已发货，运单号", "Shipped, tracking number"),
            F::Deliver => ("确认签收", "Mark delivered"),
            F::Delivered => ("已确认签收", "Marked delivered"),
            F::MoveTo => ("改派到仓库", "Move to warehouse"),
            F::Move => ("改派", "Move"),
            F::Moved => ("已改派", "Moved"),
            F::Label => ("打印面单", "Print label"),
            F::PackingSlip => ("打印装箱单", "Print packing slip"),
            F::History => ("处理记录", "History"),
            F::From => ("发货仓", "From"),
            F::To => ("收货地址", "To"),
            F::Ordered => ("数量", "Quantity"),
            F::SaveCount => ("保存", "Save"),
            F::ShipBy => ("配送方式", "Delivery"),
            F::CountIsNumber => (
                "请输入 0 到应拣数量之间的整数。",
                "Enter a whole number from 0 to what the line asks for.",
            ),
            F::PlanRoutes => ("规划配送路线", "Plan routes"),
            F::Planned => ("规划路线总里程", "Planned distance"),
            F::Naive => ("按发货顺序的里程", "In shipping order"),
            F::Saved => ("节省", "Saved"),
            F::Vans => ("车辆", "Vans"),
            F::Unplanned => ("未能安排", "Not planned"),
            F::Sketch => ("路线示意图", "Route sketch"),
            F::Day => ("日期", "Day"),
            F::NotPlanned => (
                "这一天还没有规划配送路线。",
                "This day has no planned routes yet.",
            ),
            F::Eta => ("预计到达", "ETA"),
            F::Parcels => ("件", "parcels"),
            F::NoRouteToday => ("今天没有分配给您的配送路线。", "No route is yours today."),
            F::Recorded => ("已记录", "Recorded"),
            F::SignedByOrWhy => ("签收人姓名，或失败原因", "Who signed, or why it failed"),
            F::StopDelivered => ("已签收", "Delivered"),
            F::StopFailed => ("配送失败", "Failed"),
            F::RoutesPlanned => ("已规划路线", "Routes planned"),
            F::CarriersHint => (
                "发货时只能选择这里勾选的承运商，至少保留一个。",
                "Staff ship only with the carriers ticked here; keep at least one.",
            ),
            F::WeightIsNumber => (
                "重量须为 1 至 50,000 之间的整数（克）。",
                "The weight is a whole number of grams from 1 to 50,000.",
            ),
        };
        locale.pick(zh, en)
    }
}

pub fn shipment_status(locale: Locale, s: ShipmentStatus) -> &'static str {
    let (zh, en) = match s {
        ShipmentStatus::Allocated => ("待拣货", "Allocated"),
        ShipmentStatus::Picking => ("拣货中", "Picking"),
        ShipmentStatus::Picked => ("待打包", "Picked"),
        ShipmentStatus::Packed => ("待发货", "Packed"),
        ShipmentStatus::Shipped => ("已发货", "Shipped"),
        ShipmentStatus::Delivered => ("已签收", "Delivered"),
        ShipmentStatus::Cancelled => ("已取消", "Cancelled"),
    };
    locale.pick(zh, en)
}

pub fn pick_list_status(locale: Locale, s: PickListStatus) -> &'static str {
    let (zh, en) = match s {
        PickListStatus::Open => ("拣货中", "Open"),
        PickListStatus::Done => ("已完成", "Done"),
    };
    locale.pick(zh, en)
}

pub fn carrier(locale: Locale, c: Carrier) -> &'static str {
    let (zh, en) = c.names();
    locale.pick(zh, en)
}

pub fn package(locale: Locale, p: PackageSize) -> &'static str {
    let (zh, en) = match p {
        PackageSize::Small => ("小号（文件袋）", "Small (mailer)"),
        PackageSize::Medium => ("中号纸箱", "Medium box"),
        PackageSize::Large => ("大号纸箱", "Large box"),
        PackageSize::ExtraLarge => ("超大纸箱", "Extra-large box"),
    };
    locale.pick(zh, en)
}

/// The fulfilment problems the server names.
pub fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "already_allocated" => (
            "该订单已分配仓库。",
            "This order has been allocated already.",
        ),
        "on_hold" => (
            "该订单已挂起，请先解除挂起。",
            "This order is on hold: release it first.",
        ),
        "not_paid" => (
            "该订单尚未付款，付款后才能分配。",
            "This order waits for payment: it can be allocated once paid.",
        ),
        "not_allocatable" => (
            "该订单当前状态不能分配仓库。",
            "This order cannot be allocated in its status.",
        ),
        "out_of_stock" => ("库存不足。", "Not enough stock."),
        "not_allocated" => (
            "只有尚未拣货、或拣货时一件也没找到的发货单才能改派。",
            "Only a shipment not being picked yet, or of which nothing was found, can move.",
        ),
        "same_warehouse" => (
            "发货单已在该仓库。",
            "The shipment is in that warehouse already.",
        ),
        "other_seller" => (
            "该仓库属于其他商家。",
            "That warehouse belongs to another seller.",
        ),
        "nothing_to_pick" => (
            "该仓库没有待拣货的发货单。",
            "No shipments wait to be picked there.",
        ),
        "pick_list_done" => ("该拣货单已完成。", "This pick list is completed already."),
        "lines_left" => ("还有未清点的行。", "Some lines are not counted yet."),
        "picked_too_many" => (
            "实拣数量不能超过应拣数量。",
            "More cannot be picked than the line asks for.",
        ),
        "nothing_to_pack" => (
            "拣货时一件也没有找到，无法打包：请改派到其他仓库，或取消订单。",
            "Nothing was found when picking: move it to another warehouse, or cancel the order.",
        ),
        "slot_not_own_fleet" => (
            "配送时段只适用于自有车队配送的包裹。",
            "Delivery slots are for parcels our own fleet delivers.",
        ),
        "no_such_slot" => (
            "该仓库的车队没有这个配送时段。",
            "This warehouse's fleet has no such delivery slot.",
        ),
        "slot_other_zone" => (
            "该时段所属的配送区域不覆盖这个地址。",
            "That slot belongs to a zone that does not cover this address.",
        ),
        "weight" => (
            "重量须在 1 至 50,000 克之间。",
            "A parcel weighs from 1 to 50,000 grams.",
        ),
        "tracking_number" => (
            "运单号应为 6–30 位字母、数字或短横线。",
            "A tracking number has 6 to 30 letters, digits or dashes.",
        ),
        "carrier_disabled" => (
            "本店未启用该承运商。",
            "The shop does not ship with this carrier.",
        ),
        "no_carrier" => ("请至少选择一个承运商。", "Choose at least one carrier."),
        "tracking_number_taken" => (
            "该承运商已有包裹使用这个运单号。",
            "Another parcel of this carrier has this tracking number.",
        ),
        "already_shipped" => (
            "订单已有包裹发出，不能取消，只能退货。",
            "Part of this order has shipped: it cannot be cancelled, only returned.",
        ),
        "not_holdable" => (
            "已发货的订单不能挂起。",
            "An order that has shipped cannot be put on hold.",
        ),
        "already_on_hold" => ("该订单已挂起。", "This order is on hold already."),
        "not_on_hold" => ("该订单未挂起。", "This order is not on hold."),
        "illegal_transition" => (
            "当前状态不允许这一步操作。",
            "This step is not possible in the current status.",
        ),
        "status_changed" => (
            "数据已被他人修改，请刷新后重试。",
            "Someone changed it meanwhile. Reload and try again.",
        ),
        "reason" => (
            "请填写原因（1–500 个字符）。",
            "Give a reason of 1 to 500 characters.",
        ),
        "body" => (
            "请填写备注（1–2000 个字符）。",
            "Write a note of 1 to 2,000 characters.",
        ),
        _ => return None,
    })
}
