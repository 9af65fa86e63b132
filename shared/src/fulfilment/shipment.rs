//! Shipments (发货单): what one warehouse sends for one order, from allocation to the
//! customer's door, and the carriers and package sizes it can go with.

use crate::coded;
use serde::{Deserialize, Serialize};

coded! {
    /// Where a shipment is. Every change asks [`ShipmentStatus::can_transition`] about the
    /// row's current status and writes a shipment event (`server::db::status`).
    pub enum ShipmentStatus {
        /// 已分配: stock is held in its warehouse; not on a pick list yet.
        Allocated => "allocated",
        /// 拣货中: on an open pick list.
        Picking => "picking",
        /// 已拣货: picked (perhaps short), waiting to be packed.
        Picked => "picked",
        /// 已打包: packed and weighed, waiting for the carrier.
        Packed => "packed",
        /// 已发货: handed to the carrier (or the own fleet).
        Shipped => "shipped",
        /// 已签收
        Delivered => "delivered",
        /// 已取消: its stock went back to the shelf.
        Cancelled => "cancelled",
    }
}

impl ShipmentStatus {
    pub fn can_transition(self, to: ShipmentStatus) -> bool {
        use ShipmentStatus::*;
        matches!(
            (self, to),
            (Allocated, Picking | Cancelled)
                | (Picking, Picked | Cancelled)
                | (Picked, Packed | Cancelled | Allocated)
                | (Packed, Shipped | Cancelled)
                | (Shipped, Delivered)
        )
    }

    /// Whether the shipment may move to another warehouse of its seller: while nothing of it
    /// has left a shelf — before its pick list, or when its pick found none of it (then it
    /// is allocated afresh in the other warehouse; `Picked → Allocated` is for that alone).
    pub fn can_move(self, picked_units: u32) -> bool {
        use ShipmentStatus::*;
        self == Allocated || (self == Picked && picked_units == 0)
    }

    /// Its stock is still in the warehouse, held for the order.
    pub fn holds_stock(self) -> bool {
        use ShipmentStatus::*;
        matches!(self, Allocated | Picking | Picked | Packed)
    }
}

impl crate::status::Status for ShipmentStatus {
    fn as_str(self) -> &'static str {
        ShipmentStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        ShipmentStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        ShipmentStatus::can_transition(self, to)
    }
}

coded! {
    /// Who carries a parcel.
    pub enum Carrier {
        /// 顺丰速运
        SfExpress => "sf_express",
        /// 京东物流
        JdLogistics => "jd_logistics",
        /// 中通快递
        Zto => "zto",
        /// 圆通速递
        Yto => "yto",
        /// 中国邮政 EMS
        Ems => "ems",
        /// 自有车队
        OwnFleet => "own_fleet",
    }
}

impl Carrier {
    /// Its name in Chinese and in English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Carrier::SfExpress => ("顺丰速运", "SF Express"),
            Carrier::JdLogistics => ("京东物流", "JD Logistics"),
            Carrier::Zto => ("中通快递", "ZTO Express"),
            Carrier::Yto => ("圆通速递", "YTO Express"),
            Carrier::Ems => ("中国邮政 EMS", "China Post EMS"),
            Carrier::OwnFleet => ("良仓自有车队", "Storekeep fleet"),
        }
    }

    /// The prefix of the tracking numbers Storekeep makes up for this carrier (real carriers
    /// hand out their own; staff type those in).
    fn prefix(self) -> &'static str {
        match self {
            Carrier::SfExpress => "SF",
            Carrier::JdLogistics => "JDV",
            Carrier::Zto => "ZT",
            Carrier::Yto => "YT",
            Carrier::Ems => "EM",
            Carrier::OwnFleet => "SK",
        }
    }

    /// A tracking number for shipment `shipment` made at `at` (milliseconds): the carrier's
    /// prefix, twelve digits and a check digit, unique per shipment.
    pub fn generated_tracking_number(self, shipment: i64, at: i64) -> String {
        let day = (at / 86_400_000).rem_euclid(10_000);
        let digits = format!("{day:04}{:08}", shipment.rem_euclid(100_000_000));
        format!("{}{digits}{}", self.prefix(), check_digit(&digits))
    }
}

/// The Luhn check digit of a string of digits.
fn check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A tracking number as typed: 6 to 30 letters, digits or dashes once spaces are gone,
/// upper case.
pub fn parse_tracking_number(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let ok =
        (6..=30).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then_some(t)
}

coded! {
    /// The cartons on the packing bench.
    pub enum PackageSize {
        /// 小号 (文件袋)
        Small => "small",
        /// 中号
        Medium => "medium",
        /// 大号
        Large => "large",
        /// 超大
        ExtraLarge => "extra_large",
    }
}

/// The carriers the shop hands parcels to (设置 → 承运商): staff choose among these when
/// shipping. At least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarrierSettings {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 6))]
    pub enabled: Vec<Carrier>,
}

impl CarrierSettings {
    /// Every carrier, as a new shop starts.
    pub fn all() -> CarrierSettings {
        CarrierSettings {
            enabled: Carrier::ALL.to_vec(),
        }
    }

    /// The stored form (`sf_express,zto`), read back; unknown names are dropped and an empty
    /// list means every carrier.
    pub fn parse(text: &str) -> CarrierSettings {
        let enabled: Vec<Carrier> = Carrier::ALL
            .iter()
            .copied()
            .filter(|c| text.split(',').any(|t| t.trim() == c.as_str()))
            .collect();
        if enabled.is_empty() {
            CarrierSettings::all()
        } else {
            CarrierSettings { enabled }
        }
    }

    pub fn to_text(&self) -> String {
        Carrier::ALL
            .iter()
            .filter(|c| self.enabled.contains(c))
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The most a parcel may weigh, in grams.
pub const MAX_PARCEL_GRAMS: u32 = 50_000;

#[cfg(test)]
mod tests {
    use super::*;
    use ShipmentStatus::*;

    #[test]
    fn a_shipment_goes_shelf_to_door() {
        let path = [Allocated, Picking, Picked, Packed, Shipped, Delivered];
        assert!(path.windows(2).all(|w| w[0].can_transition(w[1])));
        assert!(
            !Shipped.can_transition(Cancelled),
            "a parcel on the road is returned, not cancelled"
        );
        assert!(
            !Allocated.can_transition(Shipped),
            "nothing leaves unpicked"
        );
        assert!(!Delivered.can_transition(Allocated));
        assert!(Packed.holds_stock() && !Shipped.holds_stock() && !Cancelled.holds_stock());
    }

    #[test]
    fn a_shipment_moves_only_while_nothing_of_it_left_a_shelf() {
        assert!(Allocated.can_move(0));
        assert!(Picked.can_move(0), "none of it was found");
        assert!(!Picked.can_move(1));
        assert!(!Picking.can_move(0) && !Packed.can_move(0) && !Shipped.can_move(0));
    }

    #[test]
    fn generated_tracking_numbers_differ_per_shipment_and_carry_a_check_digit() {
        let a = Carrier::SfExpress.generated_tracking_number(41, 1_764_547_200_000);
        let b = Carrier::SfExpress.generated_tracking_number(42, 1_764_547_200_000);
        assert_ne!(a, b);
        assert!(a.starts_with("SF") && a.len() == 15, "{a}");
        assert_eq!(parse_tracking_number(&a), Some(a.clone()));
        assert_eq!(check_digit("7992739871"), 3, "the textbook Luhn example");
    }

    #[test]
    fn typed_tracking_numbers_are_tidied_or_refused() {
        assert_eq!(
            parse_tracking_number(" sf 1234 5678 9012 "),
            Some("SF123456789012".into())
        );
        assert_eq!(parse_tracking_number("12345"), None);
        assert_eq!(parse_tracking_number("SF12345<script>"), None);
        assert_eq!(Carrier::parse("zto"), Some(Carrier::Zto));
        assert_eq!(Carrier::ALL.len(), 6);
        let some = CarrierSettings::parse("zto, sf_express,bogus");
        assert_eq!(some.enabled, vec![Carrier::SfExpress, Carrier::Zto]);
        assert_eq!(some.to_text(), "sf_express,zto");
        assert_eq!(
            CarrierSettings::parse("").enabled.len(),
            6,
            "none stored: all"
        );
    }
}
