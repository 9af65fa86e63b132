//! Buying (采购): suppliers and their lists, purchase suggestions, and purchase orders from
//! draft to sent. Each change checks the request with the rules in `shared::procurement`,
//! then in one write transaction checks it against the database, writes it, its event and
//! its audit entry. A line's price is the supplier's list price when it is written; a
//! draft above the shop's threshold goes out only once a second person (finance) approved
//! exactly those lines.

use crate::db::audit::{self, ActorRef};
use crate::db::procurement as repo;
use crate::db::status::{self, Move};
use crate::db::{now_millis, settings, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::money::{Currency, Money};
use shared::orders::note::Note;
use shared::procurement::orders::{check_send, needs_approval, threshold_for, PurchaseOrderStatus};
use shared::procurement::purchasing::{
    check_draft, check_lines, CancelPurchase, FromSuggestions, ProcurementSettings, PurchaseFault,
    PurchaseLineDraft, PurchaseOrderDraft, PurchaseOrderSummary, PurchaseOrderView,
    PurchaseProblem, SuggestionView, DEFAULT_APPROVAL_THRESHOLD, NOTE_MAX,
};
use shared::procurement::suggest::suggest;
use shared::procurement::suppliers::{
    check_offers, check_supplier, OffersDraft, SupplierDraft, SupplierFault, SupplierProblem,
    SupplierView,
};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// The setting that holds the approval threshold (minor units).
const APPROVAL_THRESHOLD: &str = "procurement.approval_threshold";
/// The most a threshold may be (¥1,000,000,000.00).
const MAX_THRESHOLD: i64 = 100_000_000_000;

fn supplier_fault((p, field): SupplierFault) -> AppError {
    AppError::rule(p).at(&field)
}

fn purchase(p: PurchaseProblem) -> AppError {
    AppError::rule_or_conflict(p, p.is_conflict())
}

fn purchase_fault((p, field): PurchaseFault) -> AppError {
    purchase(p).at(&field)
}

fn staff(actor: &ActorRef) -> String {
    format!("staff:{}", actor.id)
}

/// A field of a supplier's record as the audit log keeps it.
type Field = (&'static str, fn(&SupplierDraft) -> String);

fn supplier_changes(before: Option<&SupplierDraft>, after: &SupplierDraft) -> Changes {
    let fields: [Field; 10] = [
        ("code", |s| s.code.clone()),
        ("name", |s| s.name.clone()),
        ("contact_name", |s| s.contact_name.clone()),
        ("email", |s| s.email.clone()),
        ("phone", |s| s.phone.clone()),
        ("address", |s| s.address.clone()),
        ("payment_terms_days", |s| s.payment_terms_days.to_string()),
        ("lead_time_days", |s| s.lead_time_days.to_string()),
        ("currency", |s| s.currency.code().to_string()),
        ("active", |s| s.active.to_string()),
    ];
    fields.into_iter().fold(Changes::new(), |c, (name, f)| {
        c.field(name, before.map(f), Some(f(after)))
    })
}

async fn code_must_be_free(
    conn: &mut AnyConnection,
    code: &str,
    own: Option<i64>,
) -> AppResult<()> {
    match repo::supplier_by_code(conn, code).await? {
        Some(other) if Some(other) != own => {
            Err(AppError::rule(SupplierProblem::CodeTaken).at("code"))
        }
        _ => Ok(()),
    }
}

pub async fn supplier(db: &Db, id: i64) -> AppResult<SupplierView> {
    let mut conn = db.pool.acquire().await?;
    supplier_view(&mut conn, id).await
}

async fn supplier_view(conn: &mut AnyConnection, id: i64) -> AppResult<SupplierView> {
    let supplier = repo::supplier(conn, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    Ok(SupplierView {
        id,
        supplier,
        offers: repo::offers(conn, id).await?,
        accounts: crate::db::supplier_portal::accounts(conn, id).await?,
    })
}

pub async fn create_supplier(
    db: &Db,
    actor: &ActorRef,
    d: &SupplierDraft,
) -> AppResult<SupplierView> {
    let d = check_supplier(d).map_err(supplier_fault)?;
    let mut tx = db.begin_write().await?;
    code_must_be_free(&mut tx, &d.code, None).await?;
    let id = repo::insert_supplier(&mut tx, &d, now_millis()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::SupplierCreate,
        &id.to_string(),
        supplier_changes(None, &d),
        "",
    )
    .await?;
    let view = supplier_view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

pub async fn update_supplier(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    d: &SupplierDraft,
) -> AppResult<SupplierView> {
    let d = check_supplier(d).map_err(supplier_fault)?;
    let mut tx = db.begin_write().await?;
    let before = repo::supplier(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    code_must_be_free(&mut tx, &d.code, Some(id)).await?;
    repo::update_supplier(&mut tx, id, &d, now_millis()).await?;
    let changes = supplier_changes(Some(&before), &d);
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::SupplierUpdate,
            &id.to_string(),
            changes,
            "",
        )
        .await?;
    }
    let view = supplier_view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// `SKU ×min/pack @cost`: a list as the audit log keeps it.
fn offers_text(view: &SupplierView) -> String {
    view.offers
        .iter()
        .map(|o| {
            format!(
                "{} {}/{} @{}",
                o.sku, o.min_order, o.pack, o.unit_cost.minor
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn set_offers(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    d: &OffersDraft,
) -> AppResult<SupplierView> {
    let offers = check_offers(d).map_err(supplier_fault)?;
    let mut tx = db.begin_write().await?;
    let before = supplier_view(&mut tx, id).await?;
    let mut resolved = Vec::with_capacity(offers.len());
    for (i, o) in offers.into_iter().enumerate() {
        let Some(variant) = repo::variant_by_sku(&mut tx, &o.sku).await? else {
            return Err(AppError::rule(SupplierProblem::SkuUnknown).at(&format!("offers[{i}].sku")));
        };
        resolved.push((variant, o));
    }
    repo::replace_offers(&mut tx, id, &resolved).await?;
    let after = supplier_view(&mut tx, id).await?;
    let changes = Changes::new().field(
        "offers",
        Some(offers_text(&before)),
        Some(offers_text(&after)),
    );
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::SupplierOffers,
            &id.to_string(),
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// What to buy now: every item an active supplier sells in the shop's currency whose
/// projected stock is at or below its reorder point, the most urgent first.
pub async fn suggestions(db: &Db) -> AppResult<Vec<SuggestionView>> {
    let mut conn = db.pool.acquire().await?;
    let shop = Currency::default();
    let now = now_millis();
    let names: BTreeMap<i64, String> = repo::suppliers(&mut conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out: Vec<SuggestionView> = repo::planned(&mut conn, shop, now)
        .await?
        .into_iter()
        .filter_map(|item| {
            let s = suggest(&item.position, &item.offers, now)?;
            let p = &item.position;
            Some(SuggestionView {
                variant: shared::ids::VariantId(p.item),
                sku: item.sku,
                name: item.name,
                raw_material: item.raw_material,
                on_hand: p.on_hand,
                reserved: p.reserved,
                open_demand: p.open_demand,
                on_order: p.on_order,
                reorder_point: p.reorder_point,
                used_30_days: p.used_30_days,
                supplier: s.supplier,
                supplier_name: names.get(&s.supplier).cloned().unwrap_or_default(),
                quantity: s.quantity,
                unit_cost: Money::new(s.unit_cost, shop),
                amount: Money::new(s.unit_cost * s.quantity, shop),
                order_by: s.order_by,
                arrives_by: s.arrives_by,
                urgent: s.urgent,
            })
        })
        .collect();
    out.sort_by_key(|s| (!s.urgent, s.order_by, s.sku.clone()));
    Ok(out)
}

pub async fn settings(db: &Db) -> AppResult<ProcurementSettings> {
    let mut conn = db.pool.acquire().await?;
    Ok(ProcurementSettings {
        approval_threshold: threshold(&mut conn).await?,
    })
}

/// The threshold for an order in `currency` (always approval in another than the shop's).
async fn order_threshold(conn: &mut AnyConnection, currency: &str) -> AppResult<i64> {
    let code = Currency::parse(currency).unwrap_or_default();
    Ok(threshold_for(
        threshold(conn).await?,
        code,
        Currency::default(),
    ))
}

async fn threshold(conn: &mut AnyConnection) -> AppResult<i64> {
    Ok(settings::get_text(conn, APPROVAL_THRESHOLD)
        .await?
        .and_then(|t| t.parse().ok())
        .unwrap_or(DEFAULT_APPROVAL_THRESHOLD))
}

pub async fn update_settings(
    db: &Db,
    actor: &ActorRef,
    wanted: ProcurementSettings,
) -> AppResult<ProcurementSettings> {
    if !(0..=MAX_THRESHOLD).contains(&wanted.approval_threshold) {
        return Err(AppError::rule(PurchaseProblem::ThresholdInvalid).at("approval_threshold"));
    }
    let mut tx = db.begin_write().await?;
    let before = threshold(&mut tx).await?;
    if before != wanted.approval_threshold {
        settings::set_text(
            &mut tx,
            APPROVAL_THRESHOLD,
            &wanted.approval_threshold.to_string(),
        )
        .await?;
        audit::record(
            &mut tx,
            actor,
            AuditAction::SettingsProcurement,
            APPROVAL_THRESHOLD,
            Changes::new().field(
                "approval_threshold",
                Some(before.to_string()),
                Some(wanted.approval_threshold.to_string()),
            ),
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(wanted)
}

/// The lines with the supplier's list prices, or the first line it does not sell.
async fn priced(
    conn: &mut AnyConnection,
    supplier: i64,
    lines: &[PurchaseLineDraft],
) -> AppResult<Vec<(i64, i64, i64)>> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let Some((cost, _)) = repo::offer_of(conn, supplier, l.variant.0).await? else {
            return Err(purchase(PurchaseProblem::NotOffered).at(&format!("lines[{i}].variant")));
        };
        out.push((l.variant.0, l.quantity, cost));
    }
    Ok(out)
}

async fn warehouse_must_exist(conn: &mut AnyConnection, warehouse: i64) -> AppResult<()> {
    if crate::db::fleet::warehouse_exists(conn, warehouse).await? {
        Ok(())
    } else {
        Err(purchase(PurchaseProblem::Warehouse).at("warehouse"))
    }
}

/// `SKU×qty@cost, …`: lines as the audit log keeps them.
fn lines_text(lines: &[(i64, i64, i64)]) -> String {
    lines
        .iter()
        .map(|(v, q, c)| format!("{v}×{q}@{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a new draft in the caller's transaction; returns its id.
async fn insert_draft(
    conn: &mut AnyConnection,
    actor: &ActorRef,
    d: &PurchaseOrderDraft,
) -> AppResult<i64> {
    let Some(currency) = repo::active_currency(conn, d.supplier).await? else {
        return Err(purchase(PurchaseProblem::SupplierUnknown).at("supplier"));
    };
    warehouse_must_exist(conn, d.warehouse.0).await?;
    let lines = priced(conn, d.supplier, &d.lines).await?;
    let at = now_millis();
    let user = actor.id.0;
    let order = repo::NewOrder {
        supplier: d.supplier,
        warehouse: d.warehouse.0,
        currency,
        note: &d.note,
        user,
        at,
    };
    let id = repo::insert_order(conn, &order).await?;
    let total = repo::set_lines(conn, id, &lines, d.warehouse.0, &d.note, user, at).await?;
    status::record(
        conn,
        id,
        None,
        PurchaseOrderStatus::Draft,
        &staff(actor),
        "",
        at,
    )
    .await?;
    let changes = Changes::new()
        .field("supplier", None::<String>, Some(d.supplier.to_string()))
        .field("warehouse", None::<String>, Some(d.warehouse.to_string()))
        .field("lines", None::<String>, Some(lines_text(&lines)))
        .field("total", None::<String>, Some(total.to_string()));
    audit::record(
        conn,
        actor,
        AuditAction::PurchaseOrderCreate,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    Ok(id)
}

pub async fn create(
    db: &Db,
    actor: &ActorRef,
    d: &PurchaseOrderDraft,
) -> AppResult<PurchaseOrderView> {
    let d = check_draft(d).map_err(purchase_fault)?;
    let mut tx = db.begin_write().await?;
    let id = insert_draft(&mut tx, actor, &d).await?;
    let view = view_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// One draft per supplier of the chosen suggestions (their order kept), for one warehouse.
pub async fn from_suggestions(
    db: &Db,
    actor: &ActorRef,
    req: &FromSuggestions,
) -> AppResult<Vec<PurchaseOrderSummary>> {
    let all: Vec<PurchaseLineDraft> = req
        .lines
        .iter()
        .map(|l| PurchaseLineDraft {
            variant: l.variant,
            quantity: l.quantity,
        })
        .collect();
    check_lines(&all).map_err(purchase_fault)?;
    let mut per_supplier: Vec<(i64, Vec<PurchaseLineDraft>)> = Vec::new();
    for (l, line) in req.lines.iter().zip(all) {
        match per_supplier.iter_mut().find(|(s, _)| *s == l.supplier) {
            Some((_, lines)) => lines.push(line),
            None => per_supplier.push((l.supplier, vec![line])),
        }
    }
    let mut tx = db.begin_write().await?;
    let mut ids = Vec::new();
    for (supplier, lines) in per_supplier {
        let d = PurchaseOrderDraft {
            supplier,
            warehouse: req.warehouse,
            lines,
            note: String::new(),
        };
        ids.push(insert_draft(&mut tx, actor, &d).await?);
    }
    let limit = threshold(&mut tx).await?;
    let all = repo::orders(
        &mut tx,
        Some(PurchaseOrderStatus::Draft),
        now_millis(),
        limit,
    )
    .await?;
    tx.commit().await?;
    Ok(all.into_iter().filter(|o| ids.contains(&o.id)).collect())
}

fn must_be_draft(h: &repo::Head) -> AppResult<()> {
    if h.status == PurchaseOrderStatus::Draft.as_str() {
        Ok(())
    } else {
        Err(purchase(PurchaseProblem::NotDraft))
    }
}

/// A draft's lines, warehouse and note (its supplier stays); any approval is withdrawn.
pub async fn update(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    d: &PurchaseOrderDraft,
) -> AppResult<PurchaseOrderView> {
    let d = check_draft(d).map_err(purchase_fault)?;
    let mut tx = db.begin_write().await?;
    let head = repo::head(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    must_be_draft(&head)?;
    if d.supplier != head.supplier_id {
        return Err(AppError::validation(
            "supplier_fixed",
            "A purchase order keeps its supplier: cancel it and write another",
        )
        .at("supplier"));
    }
    warehouse_must_exist(&mut tx, d.warehouse.0).await?;
    let lines = priced(&mut tx, head.supplier_id, &d.lines).await?;
    let total = repo::set_lines(
        &mut tx,
        id,
        &lines,
        d.warehouse.0,
        &d.note,
        actor.id.0,
        now_millis(),
    )
    .await?;
    let changes = Changes::new()
        .field(
            "total",
            Some(head.total.to_string()),
            Some(total.to_string()),
        )
        .field("lines", None::<String>, Some(lines_text(&lines)));
    audit::record(
        &mut tx,
        actor,
        AuditAction::PurchaseOrderUpdate,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    let view = view_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Finance approves a draft above the threshold: someone other than its writer.
pub async fn approve(db: &Db, actor: &ActorRef, id: i64) -> AppResult<PurchaseOrderView> {
    let mut tx = db.begin_write().await?;
    let head = repo::head(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    must_be_draft(&head)?;
    let limit = order_threshold(&mut tx, &head.currency).await?;
    if !needs_approval(head.total, limit) {
        return Err(purchase(PurchaseProblem::NoApprovalNeeded));
    }
    if head.written_by == actor.id.0 {
        return Err(purchase(PurchaseProblem::ApprovedByWriter));
    }
    let at = now_millis();
    repo::approve(&mut tx, id, actor.id.0, at).await?;
    let currency = repo::order_head(&mut tx, id)
        .await?
        .map(|h| h.currency())
        .unwrap_or_default();
    let note = Note::PurchaseApproved {
        total: Money::new(head.total, currency),
    }
    .stored();
    let (draft, who) = (PurchaseOrderStatus::Draft, staff(actor));
    status::record(&mut tx, id, Some(draft), draft, &who, &note, at).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::PurchaseOrderApprove,
        &id.to_string(),
        Changes::new().field("approved_by", None::<String>, Some(actor.id.to_string())),
        "",
    )
    .await?;
    let view = view_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Sends a draft to the supplier: its lines are then expected after their lead times.
pub async fn send(db: &Db, actor: &ActorRef, id: i64) -> AppResult<PurchaseOrderView> {
    let mut tx = db.begin_write().await?;
    let head = repo::head(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    must_be_draft(&head)?;
    let quantities = repo::line_quantities(&mut tx, id).await?;
    let limit = order_threshold(&mut tx, &head.currency).await?;
    check_send(
        &quantities,
        head.total,
        limit,
        head.written_by,
        head.approved_by,
    )
    .map_err(|r| purchase(r.into()))?;
    let at = now_millis();
    let who = staff(actor);
    let step = Move {
        to: PurchaseOrderStatus::Sent,
        only_from: &[],
        actor: &who,
        reason: "",
        at,
    };
    status::change(&mut tx, id, step).await?;
    repo::mark_sent(&mut tx, id, at).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::PurchaseOrderSend,
        &id.to_string(),
        Changes::new().field("status", Some("draft"), Some("sent")),
        "",
    )
    .await?;
    let view = view_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Withdraws a purchase order before anything arrived, saying why.
pub async fn cancel(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    req: &CancelPurchase,
) -> AppResult<PurchaseOrderView> {
    let reason = req.reason.trim();
    if reason.is_empty() || req.reason.chars().count() > NOTE_MAX {
        return Err(purchase(PurchaseProblem::ReasonInvalid).at("reason"));
    }
    let mut tx = db.begin_write().await?;
    let head = repo::head(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    if repo::received_units(&mut tx, id).await? > 0 {
        return Err(purchase(PurchaseProblem::NotCancellable));
    }
    let who = staff(actor);
    let step = Move {
        to: PurchaseOrderStatus::Cancelled,
        only_from: &[],
        actor: &who,
        reason,
        at: now_millis(),
    };
    status::change(&mut tx, id, step)
        .await
        .map_err(|e| match e {
            status::Refused::Illegal { .. } => purchase(PurchaseProblem::NotCancellable),
            other => other.into(),
        })?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::PurchaseOrderCancel,
        &id.to_string(),
        Changes::new().field("status", Some(head.status), Some("cancelled".to_string())),
        reason,
    )
    .await?;
    let view = view_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

pub async fn list(
    db: &Db,
    status: Option<PurchaseOrderStatus>,
) -> AppResult<Vec<PurchaseOrderSummary>> {
    let mut conn = db.pool.acquire().await?;
    let limit = threshold(&mut conn).await?;
    Ok(repo::orders(&mut conn, status, now_millis(), limit).await?)
}

pub async fn view(db: &Db, id: i64) -> AppResult<PurchaseOrderView> {
    let mut conn = db.pool.acquire().await?;
    view_in(&mut conn, id).await
}

async fn view_in(conn: &mut AnyConnection, id: i64) -> AppResult<PurchaseOrderView> {
    let head = repo::order_head(conn, id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let currency = head.currency();
    let limit = threshold(conn).await?;
    let (warehouse, warehouse_name) = head.warehouse();
    Ok(PurchaseOrderView {
        id,
        number: shared::procurement::purchasing::number(id),
        status: PurchaseOrderStatus::parse(&head.status).unwrap_or(PurchaseOrderStatus::Draft),
        supplier: head.party(),
        warehouse,
        warehouse_name,
        currency,
        lines: repo::lines(conn, id, currency).await?,
        total: Money::new(head.total, currency),
        note: head.note,
        created_at: head.created_at,
        written_by: head.writer,
        approved_by: head.approver,
        approved_at: head.approved_at,
        sent_at: head.sent_at,
        needs_approval: needs_approval(
            head.total,
            threshold_for(limit, currency, Currency::default()),
        ),
        approval_threshold: Money::new(limit, Currency::default()),
        shipments: crate::db::supplier_portal::shipments(conn, id).await?,
        events: {
            let mut events = status::history::<PurchaseOrderStatus>(conn, id).await?;
            crate::db::supplier_portal::name_supplier_actors(conn, &mut events).await?;
            events
        },
    })
}
