//! An order as its customer follows it (订单跟踪): the parcels with carrier and tracking
//! number, and a timeline of milestones told from the order's and its parcels' histories.
//!
//! The histories are written for staff (which warehouse, which pick list, why a hold); the
//! customer is told what matters to them — placed, paid, being prepared, picked, packed,
//! shipped, on the way, delivered, completed, and the refund steps — and nothing internal.
//! The rules choosing and wording those milestones are here, so that the account pages, the
//! guest tracking page and their tests agree.

use super::note::Note;
use super::{EventView, OrderStatus};
use crate::checkout::{Address, OrderView};
use crate::fulfilment::{Carrier, ShipmentStatus};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// A step of an order's journey, as its customer is told it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Milestone {
    Placed,
    Paid,
    /// A warehouse has the order (分配仓库): being prepared.
    Preparing,
    Picked,
    Packed,
    Shipped {
        carrier: Carrier,
        tracking: String,
    },
    /// What the carrier reported on the way.
    InTransit {
        detail: String,
    },
    /// `signed_by`: who signed, when the courier wrote it down.
    Delivered {
        signed_by: String,
    },
    DeliveryFailed {
        reason: String,
    },
    Completed,
    Cancelled,
    AddressChanged {
        region: String,
    },
    /// A refund was started through the card's gateway: the money is on its way back.
    RefundStarted {
        amount: Money,
    },
    /// Money went back to the customer.
    Refunded {
        amount: Money,
    },
    /// Everything paid went back.
    RefundedInFull,
    /// The gateway refused a refund: customer service pays it back another way.
    RefundFailed {
        amount: Money,
    },
    /// A step of return `id` (退货): asked, approved with its instructions, rejected or
    /// closed with the reason, received, inspected, refunded.
    ReturnRequested {
        id: i64,
    },
    ReturnApproved {
        id: i64,
        instructions: String,
    },
    ReturnRejected {
        id: i64,
        reason: String,
    },
    ReturnReceived {
        id: i64,
    },
    ReturnInspected {
        id: i64,
    },
    ReturnRefunded {
        id: i64,
        amount: Money,
    },
    ReturnClosed {
        id: i64,
        reason: String,
    },
    /// Return `id` exchanged: the other size or colour goes out as order `replacement`.
    ReturnExchanged {
        id: i64,
        replacement: String,
    },
    /// A step of repair `id` (保修维修): asked, the item received, being repaired, sent back
    /// (`note`: the parcel), closed, or not covered (with the reason).
    RepairRequested {
        id: i64,
    },
    RepairReceived {
        id: i64,
    },
    RepairStarted {
        id: i64,
    },
    RepairReturned {
        id: i64,
        note: String,
    },
    RepairClosed {
        id: i64,
    },
    RepairRejected {
        id: i64,
        reason: String,
    },
}

/// One milestone with its time and, for an order in several parcels, which parcel
/// (1-based, as [`Parcel::number`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: i64,
    pub parcel: Option<u32>,
    pub milestone: Milestone,
}

/// A parcel of the order as its customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parcel {
    /// 1, 2, … in the order the parcels were made.
    pub number: u32,
    pub status: ShipmentStatus,
    pub carrier: Option<Carrier>,
    pub tracking_number: Option<String>,
    pub units: u32,
}

/// `GET /api/v1/store/orders/{number}/tracking` and `POST /api/v1/store/track`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderTracking {
    pub order: OrderView,
    pub parcels: Vec<Parcel>,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// What the order took and what went back.
    pub paid: Money,
    pub refunded: Money,
    /// Whether its buyer may still cancel it ([`customer_may_cancel`]).
    pub can_cancel: bool,
    /// Its returns, oldest first (their steps are in the timeline).
    #[serde(default)]
    pub returns: Vec<crate::after_sales::returns::ReturnView>,
    /// Per line (in the order's order), the units that may still be returned, and until
    /// when (none: not delivered yet, or the window is over).
    #[serde(default)]
    pub returnable: Vec<i64>,
    #[serde(default)]
    pub return_until: Option<i64>,
    /// Its repairs, oldest first (their steps are in the timeline).
    #[serde(default)]
    pub repairs: Vec<crate::after_sales::repairs::RepairView>,
    /// Per line (in the order's order), until when a repair may be asked: none when the
    /// order is not delivered, the line's warranty is over, or a repair of it is under way.
    #[serde(default)]
    pub repair_until: Vec<Option<i64>>,
    /// Per line (in the order's order) while it may be returned: the other sizes and
    /// colours of its product that an exchange may ask for (for sale and in stock now).
    #[serde(default)]
    pub exchange_options: Vec<Vec<crate::after_sales::returns::ExchangeOption>>,
}

/// `POST /api/v1/store/track`: an order number and the e-mail address or phone number
/// given at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub number: String,
    /// The e-mail address or the phone number of the order.
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub contact: String,
}

/// `GET /api/v1/store/account/orders`: the signed-in customer's orders, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MyOrdersQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<OrderStatus>,
    /// An order number, or a word of a product's name.
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
}

impl MyOrdersQuery {
    /// Orders on one page of the history.
    pub const PAGE_SIZE: u32 = 10;

    /// The query as it travels in the URL (`?status=paid&q=…&page=2`), empty parts left out.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            parts.push(format!("q={}", crate::url::encode_component(q)));
        }
        if let Some(p) = self.page.filter(|p| *p > 1) {
            parts.push(format!("page={p}"));
        }
        parts.join("&")
    }
}

/// One order in the customer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyOrderRow {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub number: super::OrderNumber,
    pub created_at: i64,
    pub status: OrderStatus,
    pub total: Money,
    /// Units across its lines, and how many lines.
    pub units: i64,
    pub lines: i64,
    /// Its first line's product name and picture.
    pub name: crate::catalog::Localized,
    pub image: Option<String>,
}

/// A customer may cancel their order themselves until a warehouse has it: before it is
/// allocated (after that, customer service cancels it, or the customer returns it). A
/// cash-on-delivery order is processing from the start, waiting for its warehouse. A paid
/// order is theirs to cancel only when it was paid by card, whose gateway gives the money
/// back at once; a bank transfer is paid back by a person, so customer service cancels it.
pub fn customer_may_cancel(
    status: OrderStatus,
    allocated: bool,
    payment: crate::checkout::PaymentMethod,
    replacement: bool,
) -> bool {
    use crate::checkout::PaymentMethod;
    // an exchange's replacement is customer service's to cancel (its return goes back)
    !allocated
        && !replacement
        && match status {
            OrderStatus::PendingPayment | OrderStatus::Processing => true,
            OrderStatus::Paid => payment == PaymentMethod::Card,
            _ => false,
        }
}

/// Whether `contact` is the order's: its e-mail address (any case) or the phone number
/// of its address (digits compared, a leading +86 or 86 ignored). Blank matches nothing.
pub fn contact_matches(contact: &str, email: &str, address: &Address) -> bool {
    let contact = contact.trim();
    if contact.is_empty() {
        return false;
    }
    if contact.contains('@') {
        return contact.eq_ignore_ascii_case(email.trim());
    }
    let digits = |s: &str| -> String {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        match d.strip_prefix("86") {
            Some(rest) if rest.len() == 11 => rest.to_string(),
            _ => d,
        }
    };
    let phone = match address {
        Address::China { phone, .. } | Address::International { phone, .. } => phone,
    };
    let (given, theirs) = (digits(contact), digits(phone));
    given.len() >= 6 && given == theirs
}

/// The address as a guest tracking an order sees it: the region stays (the view's
/// `region`), the name keeps its first character, the phone its last four digits, and the
/// street is hidden.
pub fn masked(address: &Address) -> Address {
    let name = |n: &str| {
        let first: String = n.chars().take(1).collect();
        format!("{first}**")
    };
    let phone = |p: &str| {
        let digits: Vec<char> = p.chars().filter(char::is_ascii_digit).collect();
        let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
        format!("*******{tail}")
    };
    match address {
        Address::China {
            recipient,
            phone: p,
            division_code,
            ..
        } => Address::China {
            recipient: name(recipient),
            phone: phone(p),
            division_code: division_code.clone(),
            detail: "***".into(),
        },
        Address::International {
            recipient,
            phone: p,
            country,
            ..
        } => Address::International {
            recipient: name(recipient),
            phone: phone(p),
            country: country.clone(),
            lines: "***".into(),
        },
    }
}

/// The tracking a guest who looked the order up is shown: the address masked
/// ([`masked`]), who signed for a parcel masked alike, what couriers typed on the way left
/// out (it may name people or places), no coupon code, and no cancelling.
pub fn for_guest(mut t: OrderTracking) -> OrderTracking {
    t.order.address = masked(&t.order.address);
    t.order.coupon_code = None;
    t.can_cancel = false;
    t.returns.clear();
    t.returnable.clear();
    t.return_until = None;
    t.exchange_options.clear();
    t.repairs.clear();
    t.repair_until.clear();
    for e in &mut t.timeline {
        match &mut e.milestone {
            Milestone::Delivered { signed_by } if !signed_by.trim().is_empty() => {
                let first: String = signed_by.trim().chars().take(1).collect();
                *signed_by = format!("{first}**");
            }
            Milestone::InTransit { detail } => detail.clear(),
            Milestone::DeliveryFailed { reason } => reason.clear(),
            Milestone::ReturnApproved { instructions, .. } => instructions.clear(),
            Milestone::ReturnRejected { reason, .. } | Milestone::ReturnClosed { reason, .. } => {
                reason.clear()
            }
            Milestone::RepairReturned { note, .. } => note.clear(),
            Milestone::RepairRejected { reason, .. } => reason.clear(),
            _ => {}
        }
    }
    t
}

/// What an event of the order's own history tells its customer, if anything.
/// `has_parcels`: the order's parcels tell shipping and delivery themselves; an order
/// without any (a demo order, an old one) tells them by its status.
pub fn from_order_event(event: &EventView, has_parcels: bool) -> Option<Milestone> {
    if let Some(note) = &event.about {
        let said = match note {
            Note::Placed => Some(Milestone::Placed),
            Note::TransferReceived | Note::CardPaid | Note::PaidAfterCancel | Note::PaidTwice => {
                Some(Milestone::Paid)
            }
            Note::PaymentExpired | Note::CancelledByCustomer => Some(Milestone::Cancelled),
            Note::Allocated { .. } => Some(Milestone::Preparing),
            Note::Completed => Some(Milestone::Completed),
            Note::AddressChanged { region } => Some(Milestone::AddressChanged {
                region: region.clone(),
            }),
            Note::RefundAsked { amount, card, .. } => Some(if *card {
                Milestone::RefundStarted { amount: *amount }
            } else {
                Milestone::Refunded { amount: *amount }
            }),
            Note::RefundReturned { amount } => Some(Milestone::Refunded { amount: *amount }),
            Note::RefundedInFull => Some(Milestone::RefundedInFull),
            Note::RefundRefused { amount } => Some(Milestone::RefundFailed { amount: *amount }),
            // staff's own business: holds, refused refunds, stock notes
            _ => None,
        };
        if said.is_some() || event.from_status.as_deref() == Some(event.to_status.as_str()) {
            return said;
        }
    }
    // a status change without a note the customer is told (staff typed a reason, or an
    // older row): the status says it; what staff typed stays with staff
    let to = OrderStatus::parse(&event.to_status)?;
    if event.from_status.as_deref() == Some(event.to_status.as_str()) {
        return None;
    }
    if event.from_status.is_none() {
        return Some(Milestone::Placed);
    }
    match to {
        OrderStatus::PendingPayment => None,
        OrderStatus::Paid => Some(Milestone::Paid),
        // a cash-on-delivery order is processing from the start, before any warehouse
        OrderStatus::Processing => {
            (event.from_status.as_deref() == Some("paid")).then_some(Milestone::Preparing)
        }
        OrderStatus::Shipped if !has_parcels => Some(Milestone::Shipped {
            carrier: Carrier::OwnFleet,
            tracking: String::new(),
        }),
        OrderStatus::Delivered if !has_parcels => Some(Milestone::Delivered {
            signed_by: String::new(),
        }),
        OrderStatus::Shipped | OrderStatus::Delivered => None,
        OrderStatus::Completed => Some(Milestone::Completed),
        OrderStatus::Cancelled => Some(Milestone::Cancelled),
        OrderStatus::Refunded => Some(Milestone::RefundedInFull),
    }
}

/// What an event of a parcel's history tells the customer, if anything.
pub fn from_parcel_event(event: &EventView, parcel: &Parcel) -> Option<Milestone> {
    match &event.about {
        Some(Note::Picked { .. }) => return Some(Milestone::Picked),
        Some(Note::Packed { .. }) => return Some(Milestone::Packed),
        Some(Note::Shipped {
            carrier, tracking, ..
        }) => {
            return Some(Milestone::Shipped {
                carrier: *carrier,
                tracking: tracking.clone(),
            })
        }
        Some(Note::InTransit { detail, .. }) => {
            return Some(Milestone::InTransit {
                detail: detail.clone(),
            })
        }
        Some(Note::Delivered { signed_by, .. }) => {
            return Some(Milestone::Delivered {
                signed_by: signed_by.clone(),
            })
        }
        Some(Note::DeliveryFailed { reason, .. }) => {
            return Some(Milestone::DeliveryFailed {
                reason: reason.clone(),
            })
        }
        Some(_) => return None,
        None => {}
    }
    if event.from_status.as_deref() == Some(event.to_status.as_str()) {
        return None;
    }
    match ShipmentStatus::parse(&event.to_status)? {
        ShipmentStatus::Picked => Some(Milestone::Picked),
        ShipmentStatus::Packed => Some(Milestone::Packed),
        ShipmentStatus::Shipped => parcel.carrier.map(|carrier| Milestone::Shipped {
            carrier,
            tracking: parcel.tracking_number.clone().unwrap_or_default(),
        }),
        ShipmentStatus::Delivered => Some(Milestone::Delivered {
            signed_by: String::new(),
        }),
        _ => None,
    }
}

/// What an event of return `id`'s history tells its customer: every step, with what staff
/// wrote for them (instructions, a reason).
pub fn from_return_event(event: &EventView, id: i64) -> Option<Milestone> {
    use crate::after_sales::returns::ReturnStatus;
    let typed = event.note.clone();
    Some(match ReturnStatus::parse(&event.to_status)? {
        ReturnStatus::Requested => Milestone::ReturnRequested { id },
        ReturnStatus::Approved => Milestone::ReturnApproved {
            id,
            instructions: typed,
        },
        ReturnStatus::Rejected => Milestone::ReturnRejected { id, reason: typed },
        ReturnStatus::Received => Milestone::ReturnReceived { id },
        ReturnStatus::Inspected => Milestone::ReturnInspected { id },
        ReturnStatus::Refunded => match &event.about {
            Some(Note::ReturnRefunded { amount }) => Milestone::ReturnRefunded {
                id,
                amount: *amount,
            },
            _ => return None,
        },
        ReturnStatus::Closed => Milestone::ReturnClosed { id, reason: typed },
        ReturnStatus::Exchanged => match &event.about {
            Some(Note::ReturnExchanged { replacement }) => Milestone::ReturnExchanged {
                id,
                replacement: replacement.clone(),
            },
            _ => return None,
        },
    })
}

/// What an event of repair `id`'s history tells its customer: every step, with what staff
/// wrote for them when it is the return parcel or the reason it is not covered.
pub fn from_repair_event(event: &crate::after_sales::repairs::RepairEvent, id: i64) -> Milestone {
    use crate::after_sales::repairs::RepairStatus;
    match event.status {
        RepairStatus::Requested => Milestone::RepairRequested { id },
        RepairStatus::Received => Milestone::RepairReceived { id },
        RepairStatus::Repairing => Milestone::RepairStarted { id },
        RepairStatus::Returned => Milestone::RepairReturned {
            id,
            note: event.note.clone(),
        },
        RepairStatus::Closed => Milestone::RepairClosed { id },
        RepairStatus::Rejected => Milestone::RepairRejected {
            id,
            reason: event.note.clone(),
        },
    }
}

/// The timeline `entries` ([`timeline`]) with each repair's steps, in time order.
pub fn with_repairs(
    mut entries: Vec<TimelineEntry>,
    repairs: &[(i64, Vec<crate::after_sales::repairs::RepairEvent>)],
) -> Vec<TimelineEntry> {
    for (id, events) in repairs {
        entries.extend(events.iter().map(|e| TimelineEntry {
            at: e.at,
            parcel: None,
            milestone: from_repair_event(e, *id),
        }));
    }
    // stable: what happened at one moment keeps its order
    entries.sort_by_key(|e| e.at);
    entries
}

/// The customer's timeline, oldest first: the order's milestones, each parcel's (numbered
/// when there are several) and each return's, in time order; a milestone said twice at the
/// same moment (a status change and its note) once.
pub fn timeline(
    order: &[EventView],
    parcels: &[(Parcel, Vec<EventView>)],
    returns: &[(i64, Vec<EventView>)],
) -> Vec<TimelineEntry> {
    let several = parcels.len() > 1;
    let mut entries: Vec<TimelineEntry> = order
        .iter()
        .filter_map(|e| {
            from_order_event(e, !parcels.is_empty()).map(|milestone| TimelineEntry {
                at: e.at,
                parcel: None,
                milestone,
            })
        })
        .collect();
    for (parcel, events) in parcels {
        entries.extend(events.iter().filter_map(|e| {
            from_parcel_event(e, parcel).map(|milestone| TimelineEntry {
                at: e.at,
                parcel: several.then_some(parcel.number),
                milestone,
            })
        }));
    }
    for (id, events) in returns {
        entries.extend(events.iter().filter_map(|e| {
            from_return_event(e, *id).map(|milestone| TimelineEntry {
                at: e.at,
                parcel: None,
                milestone,
            })
        }));
    }
    entries.sort_by_key(|e| e.at);
    entries.dedup_by(|b, a| a.at == b.at && a.milestone == b.milestone && a.parcel == b.parcel);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn event(at: i64, from: Option<&str>, to: &str, about: Option<Note>) -> EventView {
        EventView {
            at,
            from_status: from.map(str::to_string),
            to_status: to.into(),
            actor: "system".into(),
            actor_name: None,
            note: String::new(),
            about,
        }
    }

    fn parcel(number: u32) -> Parcel {
        Parcel {
            number,
            status: ShipmentStatus::Shipped,
            carrier: Some(Carrier::SfExpress),
            tracking_number: Some(format!("SF{number}")),
            units: 1,
        }
    }

    #[test]
    fn the_customer_is_told_the_journey_and_nothing_internal() {
        let cny = |m| Money::new(m, Currency::CNY);
        let order = [
            event(1, None, "pending_payment", Some(Note::Placed)),
            event(2, Some("pending_payment"), "paid", Some(Note::CardPaid)),
            event(
                3,
                Some("paid"),
                "paid",
                Some(Note::Held {
                    reason: "风控".into(),
                }),
            ),
            event(
                4,
                Some("paid"),
                "processing",
                Some(Note::Allocated { warehouses: vec![] }),
            ),
            event(9, Some("processing"), "shipped", None),
            event(
                10,
                Some("shipped"),
                "shipped",
                Some(Note::RefundAsked {
                    amount: cny(500),
                    card: true,
                    reason: "客户投诉".into(),
                }),
            ),
        ];
        let events = vec![
            event(
                5,
                Some("allocated"),
                "picking",
                Some(Note::OnPickList { list: 1 }),
            ),
            event(6, Some("picking"), "picked", Some(Note::Picked { list: 1 })),
            event(7, Some("picked"), "packed", None),
            event(
                8,
                Some("packed"),
                "shipped",
                Some(Note::Shipped {
                    shipment: 42,
                    carrier: Carrier::SfExpress,
                    tracking: "SF1".into(),
                }),
            ),
        ];
        let steps: Vec<Milestone> = timeline(&order, &[(parcel(1), events)], &[])
            .into_iter()
            .map(|e| e.milestone)
            .collect();
        assert_eq!(
            steps,
            [
                Milestone::Placed,
                Milestone::Paid,
                Milestone::Preparing,
                Milestone::Picked,
                Milestone::Packed,
                Milestone::Shipped {
                    carrier: Carrier::SfExpress,
                    tracking: "SF1".into()
                },
                Milestone::RefundStarted { amount: cny(500) },
            ]
        );
    }

    #[test]
    fn several_parcels_are_numbered_and_an_order_without_parcels_tells_its_status() {
        let shipped = |at| {
            vec![event(
                at,
                Some("packed"),
                "shipped",
                Some(Note::Shipped {
                    shipment: at,
                    carrier: Carrier::Zto,
                    tracking: "Z".into(),
                }),
            )]
        };
        let t = timeline(
            &[],
            &[(parcel(1), shipped(2)), (parcel(2), shipped(1))],
            &[],
        );
        assert_eq!(
            t.iter().map(|e| e.parcel).collect::<Vec<_>>(),
            [Some(2), Some(1)]
        );
        let old = [
            event(1, None, "pending_payment", None),
            event(2, Some("pending_payment"), "cancelled", None),
            event(
                2,
                Some("cancelled"),
                "cancelled",
                Some(Note::PaymentExpired),
            ),
        ];
        let steps: Vec<Milestone> = timeline(&old, &[], &[])
            .into_iter()
            .map(|e| e.milestone)
            .collect();
        assert_eq!(steps, [Milestone::Placed, Milestone::Cancelled]);
    }

    #[test]
    fn a_guest_sees_no_names_or_couriers_notes() {
        let view: OrderView = serde_json::from_value(serde_json::json!({
            "number": "SK2612010001", "status": "delivered", "payment_method": "card",
            "shipping_method": "standard", "created_at": 0, "pay_by": null,
            "totals": {"items": {"minor": 100, "currency": "CNY"}, "discount": {"minor": 0, "currency": "CNY"},
                       "shipping": {"minor": 0, "currency": "CNY"}, "tax_included": {"minor": 0, "currency": "CNY"},
                       "total": {"minor": 100, "currency": "CNY"}},
            "coupon_code": "VIP-ZHANG",
            "address": {"type": "china", "recipient": "张三", "phone": "13800138000",
                        "division_code": "310115", "detail": "世纪大道 1 号"},
            "lines": []
        }))
        .unwrap();
        let money = Money::new(100, Currency::CNY);
        let entry = |milestone| TimelineEntry {
            at: 1,
            parcel: None,
            milestone,
        };
        let t = for_guest(OrderTracking {
            order: view,
            parcels: vec![],
            timeline: vec![
                entry(Milestone::InTransit {
                    detail: "到达张三家楼下".into(),
                }),
                entry(Milestone::Delivered {
                    signed_by: "张三".into(),
                }),
            ],
            paid: money,
            refunded: money,
            can_cancel: true,
            returns: vec![],
            returnable: vec![],
            return_until: None,
            repairs: vec![],
            repair_until: vec![Some(9)],
            exchange_options: vec![vec![]],
        });
        assert_eq!(t.order.coupon_code, None);
        assert!(!t.can_cancel);
        assert!(t.repair_until.is_empty() && t.exchange_options.is_empty());
        let text = serde_json::to_string(&t).unwrap();
        assert!(
            !text.contains("张三") && !text.contains("世纪大道"),
            "{text}"
        );
        assert!(text.contains("张**"));
    }

    #[test]
    fn a_repairs_steps_join_the_timeline_in_time_order() {
        use crate::after_sales::repairs::{RepairEvent, RepairStatus};
        let step = |status, at, note: &str| RepairEvent {
            status,
            at,
            note: note.into(),
        };
        let order = [event(1, None, "pending_payment", Some(Note::Placed))];
        let repairs = [(
            7,
            vec![
                step(RepairStatus::Requested, 10, ""),
                step(RepairStatus::Received, 20, ""),
                step(RepairStatus::Repairing, 30, ""),
                step(RepairStatus::Returned, 40, "顺丰 SF123"),
                step(RepairStatus::Closed, 50, ""),
            ],
        )];
        let t = with_repairs(timeline(&order, &[], &[]), &repairs);
        let steps: Vec<Milestone> = t.iter().map(|e| e.milestone.clone()).collect();
        assert_eq!(
            steps,
            [
                Milestone::Placed,
                Milestone::RepairRequested { id: 7 },
                Milestone::RepairReceived { id: 7 },
                Milestone::RepairStarted { id: 7 },
                Milestone::RepairReturned {
                    id: 7,
                    note: "顺丰 SF123".into()
                },
                Milestone::RepairClosed { id: 7 },
            ]
        );
        assert_eq!(
            serde_json::to_value(&steps[4]).unwrap()["step"],
            "repair_returned"
        );
        let rejected = from_repair_event(&step(RepairStatus::Rejected, 5, "人为损坏"), 8);
        assert_eq!(
            rejected,
            Milestone::RepairRejected {
                id: 8,
                reason: "人为损坏".into()
            }
        );
    }

    #[test]
    fn an_older_history_without_notes_tells_placed_first() {
        let cod = [
            event(1, None, "processing", None),
            event(2, Some("processing"), "processing", None),
        ];
        let steps: Vec<Milestone> = timeline(&cod, &[], &[])
            .into_iter()
            .map(|e| e.milestone)
            .collect();
        assert_eq!(steps, [Milestone::Placed]);
        let paid = [
            event(1, None, "pending_payment", None),
            event(2, Some("pending_payment"), "paid", None),
            event(3, Some("paid"), "processing", None),
        ];
        let steps: Vec<Milestone> = timeline(&paid, &[], &[])
            .into_iter()
            .map(|e| e.milestone)
            .collect();
        assert_eq!(
            steps,
            [Milestone::Placed, Milestone::Paid, Milestone::Preparing]
        );
    }

    #[test]
    fn cancelling_is_the_customers_until_a_warehouse_has_the_order() {
        use crate::checkout::PaymentMethod::{BankTransfer, Card, CashOnDelivery};
        assert!(customer_may_cancel(
            OrderStatus::PendingPayment,
            false,
            BankTransfer,
            false
        ));
        assert!(customer_may_cancel(OrderStatus::Paid, false, Card, false));
        assert!(!customer_may_cancel(
            OrderStatus::Paid,
            false,
            BankTransfer,
            false
        ));
        assert!(!customer_may_cancel(OrderStatus::Paid, true, Card, false));
        assert!(customer_may_cancel(
            OrderStatus::Processing,
            false,
            CashOnDelivery,
            false
        ));
        assert!(!customer_may_cancel(
            OrderStatus::Processing,
            true,
            CashOnDelivery,
            false
        ));
        assert!(!customer_may_cancel(
            OrderStatus::Shipped,
            false,
            Card,
            false
        ));
        assert!(!customer_may_cancel(
            OrderStatus::Cancelled,
            false,
            Card,
            false
        ));
        assert!(
            !customer_may_cancel(OrderStatus::Paid, false, Card, true),
            "a replacement is customer service's to cancel"
        );
    }

    #[test]
    fn a_contact_is_the_orders_email_or_its_phone() {
        let address = Address::China {
            recipient: "张三".into(),
            phone: "138 0013 8000".into(),
            division_code: "310115".into(),
            detail: "世纪大道 1 号".into(),
        };
        let email = "Zhang@Example.com";
        assert!(contact_matches(" zhang@example.COM ", email, &address));
        assert!(contact_matches("+86 138-0013-8000", email, &address));
        assert!(contact_matches("13800138000", email, &address));
        assert!(!contact_matches("13800138001", email, &address));
        assert!(!contact_matches("", email, &address));
        assert!(!contact_matches("other@example.com", email, &address));
        let Address::China {
            recipient,
            phone,
            detail,
            division_code,
        } = masked(&address)
        else {
            panic!("still a Chinese address")
        };
        assert_eq!(
            (recipient.as_str(), phone.as_str(), detail.as_str()),
            ("张**", "*******8000", "***")
        );
        assert_eq!(division_code, "310115");
    }
}
