//! The back office in a real browser: the owner turns on two-factor sign-in and signs in
//! with a code, invites a member with two roles, who sets a password from the e-mail link
//! and sees only their modules (deep links and reloads work); the owner deactivates them
//! and their open page is signed out; the audit log shows every step. Staff record a bank
//! transfer from the order list.

use fantoccini::Locator;
use server::auth::totp::code_at;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::{link_token, TestApp};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Signs in on the back office's own page (with a code when one is asked for) and waits for
/// `landing`.
async fn sign_in(
    b: &Browser,
    app: &TestApp,
    email: &str,
    password: &str,
    code: Option<String>,
    landing: &str,
) {
    b.goto(&app.url("/admin/login")).await;
    b.type_into("input[name=email]", email).await;
    b.type_into("input[name=password]", password).await;
    b.click(Locator::Css("[data-testid=submit]")).await;
    if let Some(code) = code {
        b.type_into("[data-testid=totp-code]", &code).await;
        b.click(Locator::Css("[data-testid=submit]")).await;
    }
    b.wait_for_path(|p| p == landing, landing).await;
}

/// Every link of the navigation, as `href`s.
async fn nav_links(b: &Browser) -> Vec<String> {
    let v = b
        .eval("return [...document.querySelectorAll('nav.nav a.nav__link')].map(a => a.getAttribute('href'))")
        .await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect()
}

storekeep_tests::on_both_backends!(
    the_owner_secures_sign_in_and_manages_staff,
    staff_mark_a_bank_transfer_paid,
);

async fn the_owner_secures_sign_in_and_manages_staff(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = Browser::start("zh-CN").await;

    // strangers are sent to sign in, and come back to where they were heading
    owner.goto(&app.url("/admin/settings/staff")).await;
    owner
        .wait_for_path(|p| p == "/admin/login", "the sign-in page")
        .await;
    owner
        .type_into("input[name=email]", "admin@storekeep.test")
        .await;
    owner
        .type_into("input[name=password]", "admin-demo-2026")
        .await;
    owner.click(Locator::Css("[data-testid=submit]")).await;
    owner
        .wait_for_path(|p| p == "/admin/settings/staff", "the staff list")
        .await;
    owner
        .wait_text(
            "[data-testid=staff-table]",
            |t| t.contains("admin@storekeep.test"),
            "the staff",
        )
        .await;
    assert_eq!(owner.text("h1").await, "员工与角色");
    assert_eq!(
        nav_links(&owner).await,
        [
            "/admin",
            "/admin/orders",
            "/admin/fulfilment",
            "/admin/fulfilment/pick-lists",
            "/admin/fulfilment/shipments",
            "/admin/fulfilment/routes",
            "/admin/fulfilment/fleet",
            "/admin/fulfilment/driver",
            "/admin/catalogue/products",
            "/admin/catalogue/categories",
            "/admin/catalogue/brands",
            "/admin/inventory/stock",
            "/admin/inventory/transfers",
            "/admin/inventory/stocktakes",
            "/admin/inventory/valuation",
            "/admin/procurement/suggestions",
            "/admin/procurement/orders",
            "/admin/procurement/receipts",
            "/admin/procurement/suppliers",
            "/admin/returns",
            "/admin/repairs",
            "/admin/consultations",
            "/admin/reviews",
            "/admin/reports/dashboard",
            "/admin/reports/quality",
            "/admin/settings/staff",
            "/admin/settings/audit",
            "/admin/settings/security",
            "/admin/settings/carriers"
        ]
    );
    owner.screenshot("admin-staff-1280").await;

    // two-factor sign-in: the QR code and key, then a first code
    owner.click(Locator::Css("[data-testid=me-link]")).await;
    owner
        .wait_for_path(|p| p == "/admin/me", "my account")
        .await;
    owner
        .click(Locator::Css("[data-testid=two-factor-start]"))
        .await;
    let secret = owner.text("[data-testid=two-factor-secret]").await;
    assert!(owner.has(".qr svg").await, "the QR code is drawn");
    owner.screenshot("admin-two-factor-setup").await;
    let t = now();
    owner
        .type_into(
            "[data-testid=two-factor-code]",
            &code_at(&secret, t).unwrap(),
        )
        .await;
    owner
        .click(Locator::Css("[data-testid=two-factor-confirm]"))
        .await;
    owner
        .wait_text(
            "[data-testid=two-factor-state]",
            |s| s.contains("已开启"),
            "two-factor on",
        )
        .await;
    // signing in again now takes a code (the next one: the first is used up)
    owner.click(Locator::Css("[data-testid=sign-out]")).await;
    owner
        .wait_for_path(|p| p == "/admin/login", "signed out")
        .await;
    sign_in(
        &owner,
        &app,
        "admin@storekeep.test",
        "admin-demo-2026",
        code_at(&secret, t + 30),
        "/admin",
    )
    .await;
    owner
        .wait_text("h1", |h| h.contains("您好"), "the start page")
        .await;

    // invite a member with two roles
    owner
        .click(Locator::Css("[data-testid=nav-settings-staff]"))
        .await;
    owner.click(Locator::Css("[data-testid=invite]")).await;
    owner.type_into("#email", "lin.clerk@storekeep.test").await;
    owner.type_into("#display_name", "林晓雨").await;
    // leaving with unsaved changes asks first; staying keeps what was typed
    owner.click(Locator::Css("[data-testid=nav-orders]")).await;
    let question = owner
        .client
        .get_alert_text()
        .await
        .expect("a question before leaving");
    assert!(question.contains("未保存"), "{question}");
    owner.client.dismiss_alert().await.unwrap();
    assert_eq!(owner.path().await, "/admin/settings/staff");
    let kept = owner
        .eval("return document.querySelector('#display_name').value")
        .await;
    assert_eq!(kept, "林晓雨");
    // a bad address is explained next to its field, and nothing is sent
    owner.type_into("#email", "lin.clerk").await;
    owner
        .click(Locator::Css("[data-testid=role-order_clerk]"))
        .await;
    owner
        .click(Locator::Css("[data-testid=role-warehouse_operator]"))
        .await;
    owner.click(Locator::Css("[data-testid=send-invite]")).await;
    owner
        .wait_text(
            "[data-testid=error-email]",
            |t| t.contains("有效的电子邮箱"),
            "the e-mail error",
        )
        .await;
    owner.type_into("#email", "lin.clerk@storekeep.test").await;
    owner.click(Locator::Css("[data-testid=send-invite]")).await;
    let member_path = owner
        .wait_for_path(
            |p| p.starts_with("/admin/settings/staff/") && p.len() > 22,
            "the member's page",
        )
        .await;
    owner
        .wait_text(
            "[data-testid=toast]",
            |t| t.contains("邀请已发送"),
            "the toast",
        )
        .await;
    assert!(owner
        .text("[data-testid=member-status]")
        .await
        .contains("已邀请"));

    // the member opens the link from the e-mail (in English), chooses a password
    let member = Browser::start("en").await;
    let token = link_token(&app.last_message_to("lin.clerk@storekeep.test").await);
    member
        .goto(&app.url(&format!("/admin/accept-invitation?token={token}")))
        .await;
    member
        .type_into("input[name=password]", "a long clerk passphrase")
        .await;
    member
        .type_into("input[name=repeat]", "a long clerk passphrase")
        .await;
    member.click(Locator::Css("[data-testid=submit]")).await;
    member
        .wait_for_path(|p| p == "/admin", "the start page")
        .await;
    member
        .wait_text("h1", |h| h.contains("Hello"), "in English")
        .await;
    // only the modules of their roles
    assert_eq!(
        nav_links(&member).await,
        [
            "/admin",
            "/admin/orders",
            "/admin/fulfilment",
            "/admin/fulfilment/pick-lists",
            "/admin/fulfilment/shipments",
            "/admin/fulfilment/routes",
            "/admin/fulfilment/fleet",
            "/admin/fulfilment/driver",
            "/admin/inventory/stock",
            "/admin/inventory/transfers",
            "/admin/inventory/stocktakes",
            "/admin/inventory/valuation",
            "/admin/procurement/suggestions",
            "/admin/procurement/orders",
            "/admin/procurement/receipts",
            "/admin/procurement/suppliers",
            "/admin/returns",
            "/admin/repairs"
        ]
    );
    assert!(!member.text("nav.nav").await.contains("Settings"));
    member.screenshot("admin-member-home-en").await;
    // a deep link with its filters survives a reload
    member
        .goto(&app.url("/admin/orders?status=pending_payment&sort=total&dir=desc"))
        .await;
    member
        .wait_text("h1", |h| h == "Orders", "the orders page")
        .await;
    member.client.refresh().await.unwrap();
    member
        .wait_text("h1", |h| h == "Orders", "the orders page after a reload")
        .await;
    let status = member
        .eval("return document.querySelector('[data-testid=filter-status]').value")
        .await;
    assert_eq!(status, "pending_payment");
    let crumbs = member.text("[data-testid=breadcrumbs]").await;
    assert!(
        crumbs.starts_with("Home") && crumbs.ends_with("Orders"),
        "{crumbs}"
    );
    // a page their roles do not open says so, and the server refuses its data
    member.goto(&app.url("/admin/settings/audit")).await;
    member
        .wait_text(
            "[data-testid=load-error]",
            |t| t.contains("not allowed"),
            "refused",
        )
        .await;

    // the owner deactivates them: their open page is signed out
    owner.goto(&app.url(&member_path)).await;
    owner.eval("window.confirm = () => true; return 1").await;
    owner.click(Locator::Css("[data-testid=deactivate]")).await;
    owner
        .wait_text(
            "[data-testid=member-status]",
            |t| t.contains("已停用"),
            "deactivated",
        )
        .await;
    // (the page checks its session every twenty seconds and when the window gets focus)
    let started = Instant::now();
    while member.path().await != "/admin/login" {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the member's page was not signed out"
        );
        member
            .eval("window.dispatchEvent(new Event('focus')); return 1")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    member
        .wait_text(
            "[data-testid=signed-out-notice]",
            |t| t.contains("signed out"),
            "the notice",
        )
        .await;
    member.screenshot("admin-signed-out-en").await;

    // the audit log has each step
    owner
        .click(Locator::Css("[data-testid=nav-settings-audit]"))
        .await;
    owner
        .wait_for_path(|p| p == "/admin/settings/audit", "the audit log")
        .await;
    owner
        .wait_text(
            "[data-testid=audit-table]",
            |t| t.contains("停用员工"),
            "the entries",
        )
        .await;
    let actions = owner
        .eval("return [...document.querySelectorAll('[data-testid=audit-row]')].map(r => r.dataset.action)")
        .await;
    let actions: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "staff.deactivate",
            "staff.accept_invitation",
            "staff.invite",
            "staff.enable_two_factor"
        ]
    );
    owner.screenshot("admin-audit-1280").await;
    // the member's page links to their own history
    owner.goto(&app.url(&member_path)).await;
    owner
        .click(Locator::Css("[data-testid=member-history]"))
        .await;
    owner
        .wait_text(
            "[data-testid=entity-filter]",
            |t| t.contains(member_path.rsplit('/').next().unwrap()),
            "filtered",
        )
        .await;
    owner
        .wait_text(
            "[data-testid=pager]",
            |t| t.contains("共 3 条"),
            "three entries of theirs",
        )
        .await;
    owner.close().await;
    member.close().await;
    app.cleanup().await;
}

/// A bank transfer: the order waits; a clerk finds it with the list's filter, marks it
/// paid, and back and forward keep the filters.
async fn staff_mark_a_bank_transfer_paid(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let placed = app
        .order_sku("e2e-bank-transfer-1", "TS-001-01", 2, 10, "bank_transfer")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    app.order_sku("e2e-cod-1", "TS-001-01", 1, 10, "cash_on_delivery")
        .await;

    let b = Browser::start("zh-CN").await;
    sign_in(
        &b,
        &app,
        "orders@storekeep.test",
        "orders-demo-2026",
        None,
        "/admin",
    )
    .await;
    b.click(Locator::Css("[data-testid=awaiting-transfers]"))
        .await;
    b.wait_for_path(|p| p == "/admin/orders", "the order list")
        .await;
    let row = b.text("[data-testid=order-row]").await;
    assert!(
        row.contains(&number) && row.contains("guest@example.cn"),
        "{row}"
    );
    let rows = b
        .client
        .find_all(Locator::Css("[data-testid=order-row]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "only the one awaiting a transfer");
    b.screenshot("admin-orders-awaiting-1280").await;
    b.resize(768, 1024).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    b.screenshot("admin-orders-768").await;
    // on a tablet the navigation folds behind the menu button
    b.click(Locator::Css(".topbar__menu")).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    b.screenshot("admin-menu-768").await;
    b.click(Locator::Css(".topbar__menu")).await;
    b.resize(1280, 900).await;
    b.click(Locator::Css("[data-testid=mark-paid]")).await;
    b.wait_text(
        "[data-testid=toast]",
        |t| t.contains("已确认收款"),
        "the toast",
    )
    .await;
    b.wait_text(
        "main",
        |t| t.contains("没有符合条件的记录"),
        "the list is empty now",
    )
    .await;
    // all orders: the paid one shows as paid; back returns to the filtered list
    b.click(Locator::Css("[data-testid=filter-awaiting]")).await;
    b.wait_text(
        "[data-testid=orders-table]",
        |t| t.contains("已付款"),
        "the order paid",
    )
    .await;
    assert!(!b
        .eval("return location.search")
        .await
        .as_str()
        .unwrap()
        .contains("awaiting"));
    b.client.back().await.unwrap();
    b.wait_text(
        "main",
        |t| t.contains("没有符合条件的记录"),
        "the filter again",
    )
    .await;
    assert!(b
        .eval("return location.search")
        .await
        .as_str()
        .unwrap()
        .contains("awaiting_transfer=true"));
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'order.mark_paid'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    b.close().await;
    app.cleanup().await;
}

/// Every back-office page, at 1280 px and on a 768 px tablet, in both languages: nothing
/// overflows the window sideways (wide tables scroll inside their frame). Screenshots are
/// saved when STOREKEEP_SCREENSHOTS is set, for people to look at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_desktop_and_a_tablet() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    app.bank_transfer_order("e2e-fit-0001").await;
    let b = Browser::start("zh-CN").await;
    b.goto(&app.url("/admin/login")).await;
    b.text("h1").await;
    b.screenshot("admin-login-zh").await;
    sign_in(
        &b,
        &app,
        "admin@storekeep.test",
        "admin-demo-2026",
        None,
        "/admin",
    )
    .await;
    let member: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'orders@storekeep.test'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let pages = [
        ("home", "/admin".to_string()),
        ("orders", "/admin/orders".to_string()),
        ("products", "/admin/catalogue/products".to_string()),
        ("product", format!("/admin/catalogue/products/{product}")),
        ("product-new", "/admin/catalogue/products/new".to_string()),
        ("import", "/admin/catalogue/products/import".to_string()),
        ("categories", "/admin/catalogue/categories".to_string()),
        ("brands", "/admin/catalogue/brands".to_string()),
        ("dashboard", "/admin/reports/dashboard".to_string()),
        ("quality", "/admin/reports/quality".to_string()),
        ("staff", "/admin/settings/staff".to_string()),
        ("member", format!("/admin/settings/staff/{member}")),
        ("audit", "/admin/settings/audit".to_string()),
        ("security", "/admin/settings/security".to_string()),
        ("me", "/admin/me".to_string()),
    ];
    for lang in ["zh", "en"] {
        for (name, path) in &pages {
            for (width, height) in [(1280, 900), (768, 1024)] {
                b.resize(width, height).await;
                b.goto(&app.url(path)).await;
                b.wait_text("main h1", |t| !t.is_empty(), name).await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                let overflow = b
                    .eval("return document.documentElement.scrollWidth - window.innerWidth")
                    .await
                    .as_i64()
                    .unwrap();
                assert!(
                    overflow <= 0,
                    "{name} at {width}px overflows by {overflow}px"
                );
                b.screenshot(&format!("admin-page-{name}-{lang}-{width}"))
                    .await;
            }
        }
        if lang == "zh" {
            // to English for the second round (the choice is kept on this device)
            b.click(Locator::Css("[data-testid=admin-lang]")).await;
            b.wait_text("main h1", |t| t.is_ascii(), "English").await;
        }
    }
    b.close().await;
    app.cleanup().await;
}
