//! The one way to change a status (`server::db::status`): the rule is asked about the row's
//! current status, a move it does not allow changes nothing, and of two writers racing for
//! one order exactly one moves it, with exactly one event.

use server::db::status::{self, Move, Refused};
use server::db::Backend;
use shared::orders::OrderStatus;
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(moves_follow_the_rule_and_races_have_one_winner);

async fn order_id(app: &TestApp, number: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The order's status and how many events it has.
async fn state(app: &TestApp, id: i64) -> (String, i64) {
    sqlx::query_as(
        "SELECT o.status, (SELECT COUNT(*) FROM order_events e WHERE e.order_id = o.id) FROM orders o WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

fn to(status: OrderStatus) -> Move<'static, OrderStatus> {
    Move {
        to: status,
        only_from: &[],
        actor: "system",
        reason: "test",
        at: 1,
    }
}

async fn moves_follow_the_rule_and_races_have_one_winner(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let number = app.bank_transfer_order("status-rule-0001").await;
    let id = order_id(&app, &number).await;
    let before = state(&app, id).await;
    assert_eq!(before.0, "pending_payment");

    // an unpaid order cannot ship; nothing changes, no event
    let mut tx = app.db.begin_write().await.unwrap();
    match status::change(&mut tx, id, to(OrderStatus::Shipped)).await {
        Err(Refused::Illegal { from, to }) => {
            assert_eq!(
                (from, to),
                (OrderStatus::PendingPayment, OrderStatus::Shipped)
            );
        }
        other => panic!("an unpaid order shipped: {other:?}"),
    }
    tx.rollback().await.unwrap();
    assert_eq!(state(&app, id).await, before);

    // no such order
    let mut tx = app.db.begin_write().await.unwrap();
    assert!(matches!(
        status::change(&mut tx, id + 1000, to(OrderStatus::Paid)).await,
        Err(Refused::Missing)
    ));
    tx.rollback().await.unwrap();

    // two writers cancelling at once: exactly one does it, with one event; the other is
    // told the order is cancelled already
    let cancel = || async {
        let mut tx = app.db.begin_write().await.unwrap();
        let r = status::change(&mut tx, id, to(OrderStatus::Cancelled)).await;
        tx.commit().await.unwrap();
        r
    };
    let (a, b) = tokio::join!(cancel(), cancel());
    let results = [a, b];
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results.iter().any(|r| matches!(
        r,
        Err(Refused::Illegal {
            from: OrderStatus::Cancelled,
            ..
        }) | Err(Refused::Raced)
    )));
    let (status_now, events) = state(&app, id).await;
    assert_eq!(status_now, "cancelled");
    assert_eq!(events, before.1 + 1, "one event");

    // `only_from` narrows the rule: the expiry's move applies only to unpaid orders
    let mut tx = app.db.begin_write().await.unwrap();
    let expire = Move {
        only_from: &[OrderStatus::PendingPayment],
        ..to(OrderStatus::Cancelled)
    };
    assert!(matches!(
        status::change(&mut tx, id, expire).await,
        Err(Refused::Illegal { .. })
    ));
    tx.rollback().await.unwrap();

    // through the API: a cancelled or paid bank-transfer order cannot be marked paid (409)
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let path = format!("/api/v1/admin/orders/{number}/mark-paid");
    let res = app
        .post_json(&path, &serde_json::json!({}), &clerk.cookie)
        .await;
    assert_eq!(res.status, 409, "{:?}", res.json);
    assert_eq!(state(&app, id).await.1, events, "nothing written");
    app.cleanup().await;
}
