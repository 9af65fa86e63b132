//! Receiving (收货), inspection (来料检验) and put-away (上架). A receipt takes what
//! arrived against a confirmed purchase order into the receiving area — counted on the
//! order's lines, not yet stock; inspection decides per line by the product's plan (the
//! rule is `shared::procurement::receiving::decide`), sending rejected units to a
//! return-to-supplier document or to scrap; put-away moves the accepted units into the
//! item's bin, and only then do they enter the stock ledger and the shop's stock, at a cost
//! averaged with what was on hand. Every decision is a row of the inbound ledger.

use crate::db::audit::{self, ActorRef};
use crate::db::receiving::{self as repo, Decision, Inbound, NewLine, NewReceipt};
use crate::db::status::{self, Move};
use crate::db::stock::{self, Movement};
use crate::db::{now_millis, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::receiving::{
    decide, inspected_units, moving_average, InspectReceipt, InspectionPlanDraft, PutAway,
    ReceiptStatus, ReceiptView, ReceiveGoods, ReceivingProblem, RejectTo, CHARACTERISTIC_MAX,
    MAX_CHARACTERISTICS,
};
use shared::procurement::sampling::{Aql, InspectionPlan};
use shared::stock::MovementKind;
use sqlx::AnyConnection;

fn problem(p: ReceivingProblem) -> AppError {
    AppError::rule_or_conflict(p, p.is_conflict())
}

fn at(p: ReceivingProblem, field: &str) -> AppError {
    problem(p).at(field)
}

fn staff(actor: &ActorRef) -> String {
    format!("staff:{}", actor.id)
}

async fn view(conn: &mut AnyConnection, id: i64) -> AppResult<ReceiptView> {
    repo::view(conn, id)
        .await?
        .ok_or(AppError::NotFound("receipt"))
}

pub async fn receipt(db: &Db, id: i64) -> AppResult<ReceiptView> {
    let mut conn = db.pool.acquire().await?;
    view(&mut conn, id).await
}

/// Receives what arrived against purchase order `id` (or one of its shipping notices).
pub async fn receive(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    req: &ReceiveGoods,
) -> AppResult<ReceiptView> {
    if req.note.chars().count() > 500 {
        return Err(at(ReceivingProblem::NoteTooLong, "note"));
    }
    if req.lines.is_empty() || req.lines.iter().all(|l| l.quantity == 0) {
        return Err(at(ReceivingProblem::QuantityInvalid, "lines"));
    }
    let mut tx = db.begin_write().await?;
    let head = crate::db::procurement::head(&mut tx, id, true)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let current = PurchaseOrderStatus::parse(&head.status).unwrap_or(PurchaseOrderStatus::Draft);
    if !current.receivable() {
        return Err(problem(ReceivingProblem::NotReceivable));
    }
    let ordered = repo::order_lines(&mut tx, id).await?;
    for (i, l) in req.lines.iter().enumerate() {
        let repeated = req.lines[..i].iter().any(|o| o.variant == l.variant);
        if repeated || !ordered.iter().any(|o| o.0 == l.variant.0) {
            return Err(at(
                ReceivingProblem::LineUnknown,
                &format!("lines[{i}].variant"),
            ));
        }
        if !(0..=1_000_000).contains(&l.quantity) {
            return Err(at(
                ReceivingProblem::QuantityInvalid,
                &format!("lines[{i}].quantity"),
            ));
        }
    }
    if let Some(asn) = req.asn {
        if !repo::receive_asn(&mut tx, id, asn).await? {
            return Err(at(ReceivingProblem::AsnInvalid, "asn"));
        }
    }
    let warehouse = crate::db::procurement::order_head(&mut tx, id)
        .await?
        .map(|h| h.warehouse().0 .0)
        .ok_or(AppError::NotFound("purchase order"))?;
    let when = now_millis();
    let who = staff(actor);
    let receipt = repo::insert_receipt(
        &mut tx,
        &NewReceipt {
            order: id,
            asn: req.asn,
            warehouse,
            note: req.note.trim(),
            user: actor.id.0,
            at: when,
        },
    )
    .await?;
    for (position, l) in req.lines.iter().filter(|l| l.quantity > 0).enumerate() {
        let (_, quantity, received, cost) = ordered
            .iter()
            .copied()
            .find(|o| o.0 == l.variant.0)
            .unwrap_or_default();
        let product = repo::product_of(&mut tx, l.variant.0).await?;
        let (plan, _) = repo::plan(&mut tx, product).await?;
        let line = NewLine {
            position: i64::try_from(position).unwrap_or(0),
            variant: l.variant.0,
            expected: (quantity - received).max(0),
            quantity: l.quantity,
            unit_cost: cost,
            plan,
        };
        repo::insert_line(&mut tx, receipt, &line).await?;
        repo::movement(
            &mut tx,
            &Inbound {
                receipt,
                variant: l.variant.0,
                kind: "received",
                quantity: l.quantity,
                bin: None,
                actor: &who,
                at: when,
            },
        )
        .await?;
        repo::add_received(&mut tx, id, l.variant.0, l.quantity).await?;
    }
    let after = repo::order_lines(&mut tx, id).await?;
    let (units, arrived) = after
        .iter()
        .fold((0, 0), |(u, a), l| (u + l.1, a + l.2.min(l.1)));
    if let Some(to) = PurchaseOrderStatus::after_receipt(units, arrived) {
        let reason = shared::procurement::receiving::receipt_number(receipt);
        let step = Move {
            to,
            only_from: &[],
            actor: &who,
            reason: &reason,
            at: when,
        };
        status::change(&mut tx, id, step).await?;
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::ReceiptCreate,
        &receipt.to_string(),
        Changes::new().field("purchase_order", None::<String>, Some(id.to_string())),
        "",
    )
    .await?;
    let out = view(&mut tx, receipt).await?;
    tx.commit().await?;
    Ok(out)
}

fn check_results(
    line: usize,
    results: &[shared::procurement::receiving::CharacteristicResult],
) -> AppResult<()> {
    let bad = results.len() > MAX_CHARACTERISTICS
        || results.iter().any(|r| {
            let n = r.characteristic.trim().chars().count();
            n == 0
                || r.characteristic.chars().count() > CHARACTERISTIC_MAX
                || r.note.chars().count() > CHARACTERISTIC_MAX
        });
    if bad {
        return Err(at(
            ReceivingProblem::CharacteristicInvalid,
            &format!("lines[{line}].results"),
        ));
    }
    Ok(())
}

/// Inspects every line of receipt `id` once.
pub async fn inspect(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    req: &InspectReceipt,
) -> AppResult<ReceiptView> {
    let mut tx = db.begin_write().await?;
    let (state, _, order) = repo::head(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("receipt"))?;
    if state != ReceiptStatus::Received.as_str() {
        return Err(problem(ReceivingProblem::WrongStep));
    }
    let current = view(&mut tx, id).await?;
    if req.lines.len() != current.lines.len() {
        return Err(at(ReceivingProblem::LinesMismatch, "lines"));
    }
    let who = staff(actor);
    let when = now_millis();
    let mut to_supplier = Vec::new();
    let mut summary = Vec::new();
    for (i, l) in req.lines.iter().enumerate() {
        let repeated = req.lines[..i].iter().any(|o| o.variant == l.variant);
        let Some(line) = current
            .lines
            .iter()
            .find(|c| c.variant == l.variant)
            .filter(|_| !repeated)
        else {
            return Err(at(
                ReceivingProblem::LinesMismatch,
                &format!("lines[{i}].variant"),
            ));
        };
        let inspected = inspected_units(line.plan, line.quantity);
        if !(0..=inspected).contains(&l.defective) {
            return Err(at(
                ReceivingProblem::DefectiveInvalid,
                &format!("lines[{i}].defective"),
            ));
        }
        check_results(i, &l.results)?;
        let Some((_, accepted, rejected)) =
            decide(line.plan, line.quantity, l.defective, l.concession)
        else {
            return Err(at(ReceivingProblem::AqlInvalid, &format!("lines[{i}]")));
        };
        repo::decide(
            &mut tx,
            id,
            &Decision {
                variant: l.variant.0,
                inspected,
                defective: l.defective,
                concession: l.concession,
                accepted,
                rejected,
                rejected_to: l.rejected_to,
                results: &l.results,
            },
        )
        .await?;
        if accepted > 0 {
            repo::movement(
                &mut tx,
                &Inbound {
                    receipt: id,
                    variant: l.variant.0,
                    kind: "accepted",
                    quantity: accepted,
                    bin: None,
                    actor: &who,
                    at: when,
                },
            )
            .await?;
        }
        if rejected > 0 {
            let kind = match l.rejected_to {
                RejectTo::Supplier => "to_supplier",
                RejectTo::Scrap => "scrapped",
            };
            repo::movement(
                &mut tx,
                &Inbound {
                    receipt: id,
                    variant: l.variant.0,
                    kind,
                    quantity: rejected,
                    bin: None,
                    actor: &who,
                    at: when,
                },
            )
            .await?;
            if l.rejected_to == RejectTo::Supplier {
                to_supplier.push((l.variant.0, rejected, line.unit_cost.minor));
            }
        }
        summary.push(format!("{} +{accepted} -{rejected}", line.sku));
    }
    if !to_supplier.is_empty() {
        let supplier = crate::db::procurement::head(&mut tx, order, false)
            .await?
            .map(|h| h.supplier_id)
            .ok_or(AppError::NotFound("purchase order"))?;
        repo::insert_supplier_return(&mut tx, id, supplier, &to_supplier, when).await?;
    }
    repo::set_status(&mut tx, id, ReceiptStatus::Inspected).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ReceiptInspect,
        &id.to_string(),
        Changes::new().field("lines", None::<String>, Some(summary.join(", "))),
        "",
    )
    .await?;
    let out = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Puts every accepted line of receipt `id` into its bin: then it is stock, at the
/// averaged cost.
pub async fn put_away(db: &Db, actor: &ActorRef, id: i64, req: &PutAway) -> AppResult<ReceiptView> {
    let mut tx = db.begin_write().await?;
    let (state, warehouse, _) = repo::head(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("receipt"))?;
    if state != ReceiptStatus::Inspected.as_str() {
        return Err(problem(ReceivingProblem::WrongStep));
    }
    let lines: Vec<_> = repo::accepted_lines(&mut tx, id)
        .await?
        .into_iter()
        .filter(|l| l.2 > 0)
        .collect();
    if req.lines.len() != lines.len() {
        return Err(at(ReceivingProblem::LinesMismatch, "lines"));
    }
    let who = staff(actor);
    let when = now_millis();
    let document = format!("receipt:{id}");
    let mut costs = Vec::new();
    for (i, l) in req.lines.iter().enumerate() {
        let repeated = req.lines[..i].iter().any(|o| o.variant == l.variant);
        let Some(&(variant, _, accepted, unit_cost)) = lines
            .iter()
            .find(|a| a.0 == l.variant.0)
            .filter(|_| !repeated)
        else {
            return Err(at(
                ReceivingProblem::LinesMismatch,
                &format!("lines[{i}].variant"),
            ));
        };
        let code = l.bin.trim().to_uppercase();
        let field = format!("lines[{i}].bin");
        let Some(bin) = repo::bin(&mut tx, warehouse, &code).await? else {
            return Err(at(ReceivingProblem::BinUnknown, &field));
        };
        match repo::level_bin(&mut tx, variant, warehouse).await? {
            Some(Some(own)) if own != bin => return Err(at(ReceivingProblem::NotItsBin, &field)),
            Some(Some(_)) => {}
            level => {
                if repo::bin_taken(&mut tx, bin, variant).await? {
                    return Err(at(ReceivingProblem::BinTaken, &field));
                }
                repo::place(&mut tx, variant, warehouse, bin, level.is_some()).await?;
            }
        }
        let (on_hand, cost) = repo::stock_and_cost(&mut tx, variant).await?;
        let averaged = moving_average(on_hand, cost, accepted, unit_cost);
        repo::set_cost(&mut tx, variant, averaged).await?;
        costs.push(format!(
            "{variant}: {} → {averaged}",
            cost.map_or("—".into(), |c| c.to_string())
        ));
        let reason = format!("put away into {code}");
        let m = Movement {
            variant,
            warehouse,
            kind: MovementKind::Receipt,
            quantity: accepted,
            on_hand: accepted,
            reserved: 0,
            document: &document,
            reason: &reason,
            actor: &who,
            at: when,
        };
        if !stock::apply(&mut tx, &m).await? {
            return Err(AppError::conflict(
                "stock_changed",
                "The item's stock level changed meanwhile; try again",
            ));
        }
        repo::movement(
            &mut tx,
            &Inbound {
                receipt: id,
                variant,
                kind: "put_away",
                quantity: accepted,
                bin: Some(&code),
                actor: &who,
                at: when,
            },
        )
        .await?;
        repo::put_away(&mut tx, id, variant, &code).await?;
    }
    repo::set_status(&mut tx, id, ReceiptStatus::PutAway).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ReceiptPutAway,
        &id.to_string(),
        Changes::new().field("cost", None::<String>, Some(costs.join(", "))),
        "",
    )
    .await?;
    let out = view(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Sets product `product`'s inspection plan.
pub async fn set_plan(
    db: &Db,
    actor: &ActorRef,
    product: i64,
    d: &InspectionPlanDraft,
) -> AppResult<InspectionPlanDraft> {
    if let InspectionPlan::Sampled { aql } = d.plan {
        if !Aql::SERIES.contains(&aql.0) {
            return Err(at(ReceivingProblem::AqlInvalid, "plan.aql"));
        }
    }
    let names: Vec<String> = d
        .characteristics
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let bad = names.len() > MAX_CHARACTERISTICS
        || names.iter().any(String::is_empty)
        || d.characteristics
            .iter()
            .any(|c| c.chars().count() > CHARACTERISTIC_MAX || c.contains('\n'));
    if bad {
        return Err(at(
            ReceivingProblem::CharacteristicInvalid,
            "characteristics",
        ));
    }
    let mut tx = db.begin_write().await?;
    if !repo::product_exists(&mut tx, product).await? {
        return Err(AppError::NotFound("product"));
    }
    let (before, before_names) = repo::plan(&mut tx, product).await?;
    repo::set_plan(&mut tx, product, d.plan, &names).await?;
    let text = |p: InspectionPlan, n: &[String]| match p {
        InspectionPlan::Full => format!("full; {}", n.join(", ")),
        InspectionPlan::Sampled { aql } => {
            format!("AQL {}.{:02}; {}", aql.0 / 100, aql.0 % 100, n.join(", "))
        }
    };
    let changes = Changes::new().field(
        "plan",
        Some(text(before, &before_names)),
        Some(text(d.plan, &names)),
    );
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::InspectionPlanSet,
            &product.to_string(),
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(InspectionPlanDraft {
        plan: d.plan,
        characteristics: names,
    })
}

pub async fn plan(db: &Db, product: i64) -> AppResult<InspectionPlanDraft> {
    let mut conn = db.pool.acquire().await?;
    if !repo::product_exists(&mut conn, product).await? {
        return Err(AppError::NotFound("product"));
    }
    let (plan, characteristics) = repo::plan(&mut conn, product).await?;
    Ok(InspectionPlanDraft {
        plan,
        characteristics,
    })
}
