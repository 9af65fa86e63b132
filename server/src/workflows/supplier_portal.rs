//! The supplier portal's steps: procurement invites someone of a supplier's staff (an
//! e-mail with a link to choose a password); they confirm a sent purchase order with the
//! date they promise per line, or propose other quantities (it goes back to the buyer as a
//! draft); later they move an expected date or announce a shipment. Each step checks the
//! rule in `shared::procurement::portal`, works inside one write transaction on an order
//! of their own supplier only (another's is not found), and writes its event.

use crate::auth::tokens::{hash_token, new_token};
use crate::config::Config;
use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::status::{self, Move};
use crate::db::{now_millis, supplier_portal as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::customers::{parse_display_name, Email};
use shared::orders::note::Note;
use shared::orders::EventView;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::{
    check_confirmation, check_date, check_shipment, AnnounceShipment, ConfirmOrder, MoveDates,
    NewSupplierAccount, PortalFault, PortalProblem, SupplierLineView, SupplierMe,
    SupplierOrderView, MAX_SHIPMENTS,
};
use shared::procurement::purchasing::number;
use shared::procurement::suppliers::SupplierView;
use shared::time::SHOP_UTC_OFFSET_HOURS;
use sqlx::AnyConnection;

/// An invitation holds for a week.
const INVITATION_TTL_MS: i64 = 7 * 24 * 3_600_000;
const DAY_MS: i64 = 86_400_000;
/// Who the shop's staff are to a supplier.
const SHOP: &str = "良仓 Storekeep";

fn problem(p: PortalProblem) -> AppError {
    AppError::rule_or_conflict(p, p.is_conflict())
}

fn fault((p, field): PortalFault) -> AppError {
    problem(p).at(&field)
}

/// The start of the shop's day now (a promise may be for today, not for yesterday).
fn today() -> i64 {
    let offset = SHOP_UTC_OFFSET_HOURS * 3_600_000;
    (now_millis() + offset).div_euclid(DAY_MS) * DAY_MS - offset
}

fn actor(me: &SupplierMe) -> String {
    format!("supplier:{}", me.account)
}

/// Procurement invites `req` of supplier `supplier` to the portal.
pub async fn invite(
    db: &Db,
    config: &Config,
    by: &ActorRef,
    supplier: i64,
    req: &NewSupplierAccount,
) -> AppResult<SupplierView> {
    let email = Email::parse(&req.email).map_err(AppError::from)?;
    let name = parse_display_name(&req.display_name).map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    let company = crate::db::procurement::supplier(&mut tx, supplier)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    if repo::email_taken(&mut tx, email.as_str()).await? {
        return Err(AppError::validation(
            "email_taken",
            "A portal account has this e-mail already",
        )
        .at("email"));
    }
    let token = new_token();
    let id = repo::insert_account(
        &mut tx,
        supplier,
        email.as_str(),
        &name,
        &hash_token(&token),
        now_millis() + INVITATION_TTL_MS,
    )
    .await?;
    let link = format!(
        "{}/supplier/accept-invitation?token={token}",
        config.public_url
    );
    let body = format!(
        "{name}，您好：\n良仓邀请您（{company}）使用供应商门户，查看采购订单、确认交期并发送发货通知。请在七天内打开以下链接设置密码：\n{link}\n\n\
         Hello {name},\nStorekeep invites you ({company}) to its supplier portal, to see purchase orders, confirm dates and announce shipments. Open this link within a week to choose your password:\n{link}",
        company = company.name
    );
    messages::enqueue(
        &mut tx,
        MessageKind::SupplierInvitation,
        email.as_str(),
        "良仓供应商门户邀请 / Your Storekeep supplier portal invitation",
        &body,
    )
    .await?;
    audit::record(
        &mut tx,
        by,
        AuditAction::SupplierInviteAccount,
        &supplier.to_string(),
        Changes::new().field(
            "account",
            None::<String>,
            Some(format!("{id} {}", email.as_str())),
        ),
        "",
    )
    .await?;
    tx.commit().await?;
    crate::workflows::procurement::supplier(db, supplier).await
}

/// The invited chooses a password (hashed by the caller) with the link's token, once.
pub async fn accept(db: &Db, token: &str, hash: &str) -> AppResult<SupplierMe> {
    let mut tx = db.begin_write().await?;
    let Some(id) = repo::accept(&mut tx, &hash_token(token.trim()), hash).await? else {
        return Err(problem(PortalProblem::InvitationInvalid).at("token"));
    };
    let me = repo::account(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("account"))?;
    tx.commit().await?;
    Ok(me)
}

async fn status_of(conn: &mut AnyConnection, id: i64) -> AppResult<PurchaseOrderStatus> {
    let head = crate::db::procurement::head(conn, id, false)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    Ok(PurchaseOrderStatus::parse(&head.status).unwrap_or(PurchaseOrderStatus::Draft))
}

/// Order `id` when it is `me`'s supplier's (locked for a change); 404 alike otherwise.
async fn own(
    conn: &mut AnyConnection,
    me: &SupplierMe,
    id: i64,
    lock: bool,
) -> AppResult<PurchaseOrderStatus> {
    if !repo::owns(conn, me.supplier, id, lock).await? {
        return Err(AppError::NotFound("purchase order"));
    }
    status_of(conn, id).await
}

pub async fn order(db: &Db, me: &SupplierMe, id: i64) -> AppResult<SupplierOrderView> {
    let mut conn = db.pool.acquire().await?;
    own(&mut conn, me, id, false).await?;
    view(&mut conn, id).await
}

async fn view(conn: &mut AnyConnection, id: i64) -> AppResult<SupplierOrderView> {
    let head = crate::db::procurement::order_head(conn, id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let currency = head.currency();
    let (_, warehouse_name) = head.warehouse();
    let lines = crate::db::procurement::lines(conn, id, currency)
        .await?
        .into_iter()
        .map(|l| SupplierLineView {
            variant: l.variant,
            sku: l.sku,
            name: l.name,
            quantity: l.quantity,
            unit_cost: l.unit_cost,
            amount: l.amount,
            proposed_quantity: l.proposed_quantity,
            promised_at: l.promised_at,
            expected_at: l.expected_at,
            announced: l.announced,
            received: l.received,
        })
        .collect();
    // the shop's staff are not named to the supplier: the shop is
    let mut events: Vec<EventView> = status::history::<PurchaseOrderStatus>(conn, id)
        .await?
        .into_iter()
        .map(|e| {
            let staff = e.actor.starts_with("staff:");
            EventView {
                actor: if staff { "shop".into() } else { e.actor },
                actor_name: staff.then(|| SHOP.to_string()),
                ..e
            }
        })
        .collect();
    repo::name_supplier_actors(conn, &mut events).await?;
    Ok(SupplierOrderView {
        id,
        number: number(id),
        status: PurchaseOrderStatus::parse(&head.status).unwrap_or(PurchaseOrderStatus::Sent),
        currency,
        total: shared::money::Money::new(head.total, currency),
        note: head.note.clone(),
        sent_at: head.sent_at,
        warehouse_name,
        warehouse_address: repo::warehouse_address(conn, id).await?,
        lines,
        shipments: repo::shipments(conn, id).await?,
        events,
    })
}

/// Confirms every line as ordered with its promised date, or proposes other quantities.
pub async fn confirm(
    db: &Db,
    me: &SupplierMe,
    id: i64,
    req: &ConfirmOrder,
) -> AppResult<SupplierOrderView> {
    let mut tx = db.begin_write().await?;
    if own(&mut tx, me, id, true).await? != PurchaseOrderStatus::Sent {
        return Err(problem(PortalProblem::NotAwaitingConfirmation));
    }
    let ordered: Vec<_> = repo::line_units(&mut tx, id)
        .await?
        .into_iter()
        .map(|(v, q, _)| (v, q))
        .collect();
    let as_ordered = check_confirmation(&ordered, req, today()).map_err(fault)?;
    let who = actor(me);
    let note = req.note.trim();
    let at = now_millis();
    if as_ordered {
        for l in &req.lines {
            repo::promise(&mut tx, id, l.variant.0, l.promised_at).await?;
        }
        let step = Move {
            to: PurchaseOrderStatus::Confirmed,
            only_from: &[PurchaseOrderStatus::Sent],
            actor: &who,
            reason: note,
            at,
        };
        status::change(&mut tx, id, step).await?;
    } else {
        let mut changed = 0;
        for l in &req.lines {
            let units = ordered
                .iter()
                .find(|(v, _)| *v == l.variant)
                .map(|(_, q)| *q);
            let other = (Some(l.quantity) != units).then_some(l.quantity);
            changed += i64::from(other.is_some());
            repo::propose(&mut tx, id, l.variant.0, other, l.promised_at).await?;
        }
        let about = Note::SupplierProposed { lines: changed }.stored();
        let step = Move {
            to: PurchaseOrderStatus::Draft,
            only_from: &[PurchaseOrderStatus::Sent],
            actor: &who,
            reason: &about,
            at,
        };
        status::change(&mut tx, id, step).await?;
    }
    let out = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

fn must_be_open(s: PurchaseOrderStatus) -> AppResult<()> {
    if s.receivable() {
        Ok(())
    } else {
        Err(problem(PortalProblem::NotOpen))
    }
}

/// A later word on when lines arrive; the first promise stays beside it.
pub async fn move_dates(
    db: &Db,
    me: &SupplierMe,
    id: i64,
    req: &MoveDates,
) -> AppResult<SupplierOrderView> {
    let mut tx = db.begin_write().await?;
    let current = own(&mut tx, me, id, true).await?;
    must_be_open(current)?;
    let lines = repo::line_units(&mut tx, id).await?;
    let today = today();
    if req.lines.is_empty() || req.lines.len() > lines.len() {
        return Err(problem(PortalProblem::LinesMismatch).at("lines"));
    }
    for (i, l) in req.lines.iter().enumerate() {
        if req.lines[..i].iter().any(|o| o.variant == l.variant) {
            return Err(problem(PortalProblem::ItemRepeated).at(&format!("lines[{i}].variant")));
        }
        if !lines.iter().any(|(v, _, _)| *v == l.variant) {
            return Err(problem(PortalProblem::LinesMismatch).at(&format!("lines[{i}].variant")));
        }
        check_date(l.expected_at, today)
            .map_err(|p| problem(p).at(&format!("lines[{i}].expected_at")))?;
        repo::move_date(&mut tx, id, l.variant.0, l.expected_at).await?;
    }
    let lines = i64::try_from(req.lines.len()).unwrap_or(0);
    let note = Note::DatesMoved { lines }.stored();
    status::record(
        &mut tx,
        id,
        Some(current),
        current,
        &actor(me),
        &note,
        now_millis(),
    )
    .await?;
    let out = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// An advance shipping notice: the units of each line on their way, at most what is left.
pub async fn announce(
    db: &Db,
    me: &SupplierMe,
    id: i64,
    req: &AnnounceShipment,
) -> AppResult<SupplierOrderView> {
    let mut tx = db.begin_write().await?;
    let current = own(&mut tx, me, id, true).await?;
    must_be_open(current)?;
    if repo::shipment_count(&mut tx, id).await? >= i64::try_from(MAX_SHIPMENTS).unwrap_or(50) {
        return Err(problem(PortalProblem::TooManyShipments));
    }
    let open: Vec<_> = repo::line_units(&mut tx, id)
        .await?
        .into_iter()
        .map(|(v, q, announced)| (v, (q - announced).max(0)))
        .collect();
    check_shipment(&open, req, today()).map_err(fault)?;
    let lines: Vec<(i64, i64)> = req
        .lines
        .iter()
        .map(|l| (l.variant.0, l.quantity))
        .collect();
    let asn = repo::NewAsn {
        order: id,
        account: me.account,
        carrier: req.carrier.trim(),
        tracking: req.tracking.trim(),
        arrives_at: req.arrives_at,
        lines: &lines,
    };
    let asn = repo::insert_asn(&mut tx, &asn).await?;
    let note = Note::ShipmentAnnounced {
        number: shared::procurement::portal::asn_number(asn),
        units: lines.iter().map(|(_, q)| q).sum(),
    }
    .stored();
    status::record(
        &mut tx,
        id,
        Some(current),
        current,
        &actor(me),
        &note,
        now_millis(),
    )
    .await?;
    let out = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}
