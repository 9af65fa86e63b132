#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed step should panic loudly

//! Test helpers: start the real Storekeep server on port 0 with a fresh database
//! (a temporary SQLite file, or a new PostgreSQL database) and talk HTTP to it.

pub mod browser;

use server::config::{Config, Environment};
use server::db::{Backend, Db};
use server::Application;
use sqlx::Executor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The public address the test apps believe they live at (for canonical links).
pub const PUBLIC_URL: &str = "http://shop.test";

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub db: Db,
    /// The server's catalogue cache (its hit counts).
    pub catalog: server::catalog_cache::CatalogCache,
    cleanup: Cleanup,
    /// Where this app stores uploads (removed with the app).
    pub media_dir: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// The configuration it was started with (a second server on the same database uses it).
    config: Config,
    /// Further servers on the same database, stopped with this one.
    others: Vec<tokio::sync::oneshot::Sender<()>>,
}

enum Cleanup {
    SqliteFile(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

/// Where the built site is (the WASM bundle and public files).
pub fn site_root() -> PathBuf {
    // at run time (cargo sets it for tests), for the same reason as the xtask's `root()`
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let workspace = manifest_dir.join("..");
    match std::env::var_os("STOREKEEP_SITE_ROOT") {
        Some(p) if PathBuf::from(&p).is_absolute() => PathBuf::from(p),
        Some(p) => workspace.join(p),
        None => workspace.join("target/site-dev"),
    }
}

fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{secs}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand::random::<u32>()
    )
}

/// The PostgreSQL server the tests may create databases on, or `None` when the run was
/// told to skip PostgreSQL (`STOREKEEP_TEST_DATABASE_URL=skip`, set by `cargo xtask test`
/// after a loud notice when none answers).
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("STOREKEEP_TEST_DATABASE_URL") {
        Ok(v) if v == "skip" => None,
        Ok(v) => Some(v),
        Err(_) => Some("postgres://postgres@127.0.0.1:5432/test".into()),
    }
}

impl TestApp {
    /// Starts the app on a fresh, migrated and seeded database. `None` when PostgreSQL is
    /// skipped for this run.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_configured(backend, |_| {}).await
    }

    /// As `spawn`, with a last word on the configuration (the benchmarks use the
    /// production pool size).
    pub async fn spawn_configured(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        Self::spawn_prepared(backend, configure, |_| Box::pin(async {})).await
    }

    /// As `spawn_configured`, first handing the fresh, empty database to `prepare` (the
    /// upgrade test builds an older shop in it).
    pub async fn spawn_prepared(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
        prepare: impl FnOnce(Db) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>,
    ) -> Option<TestApp> {
        sqlx::any::install_default_drivers();
        let suffix = unique_suffix();
        let (database_url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join("storekeep-tests");
                std::fs::create_dir_all(&dir).expect("temp dir");
                let file = dir.join(format!("{suffix}.db"));
                (
                    format!("sqlite://{}", file.display()),
                    Cleanup::SqliteFile(file),
                )
            }
            Backend::Postgres => {
                let Some(admin_url) = postgres_admin_url() else {
                    eprintln!("PostgreSQL skipped for this run (STOREKEEP_TEST_DATABASE_URL=skip)");
                    return None;
                };
                let name = format!("sk_test_{suffix}");
                let admin = sqlx::AnyPool::connect(&admin_url)
                    .await
                    .expect("connecting to the test PostgreSQL server");
                sweep_old_databases(&admin).await;
                admin
                    .execute(sqlx::raw_sql(&format!("CREATE DATABASE {name}")))
                    .await
                    .expect("creating a test database");
                admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                (
                    format!("{base}/{name}"),
                    Cleanup::PostgresDatabase { admin_url, name },
                )
            }
        };
        let mut config = Config {
            host: "127.0.0.1".into(),
            port: 0,
            database_url,
            max_connections: 8,
            site_root: site_root(),
            public_url: PUBLIC_URL.into(),
            environment: Environment::Development,
            seed_demo_data: true,
            media_dir: std::env::temp_dir()
                .join("storekeep-tests")
                .join(format!("{suffix}-media")),
            ..Config::default()
        };
        configure(&mut config);
        let started_with = config.clone();
        let db = Db::connect(&config.database_url, 2)
            .await
            .expect("connecting");
        prepare(db.clone()).await;
        db.pool.close().await;
        let app = Application::build(config).await.expect("building the app");
        let port = app.port();
        let db = app.state().db.clone();
        let catalog = app.state().catalog.clone();
        let media_dir = app.state().config.media_dir.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        Some(TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            client,
            db,
            catalog,
            cleanup,
            media_dir,
            shutdown: Some(tx),
            config: started_with,
            others: Vec::new(),
        })
    }

    /// The database this app runs on (a server in another process can be started on it).
    pub fn database_url(&self) -> &str {
        &self.config.database_url
    }

    /// Starts another server on this app's database, as a second process behind a load
    /// balancer would be: its own pool, caches and jobs, nothing shared in memory. Returns its
    /// address; it stops with this app.
    pub async fn another_server(&mut self) -> String {
        let config = Config {
            seed_demo_data: false,
            ..self.config.clone()
        };
        let app = Application::build(config)
            .await
            .expect("building a second app");
        let address = format!("http://127.0.0.1:{}", app.port());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        self.others.push(tx);
        address
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET a path and parse the JSON body (whatever the status).
    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: {status} body is not JSON ({e}): {body:.300}"));
        (status, json)
    }

    /// POSTs JSON as the browser app does: with a CSRF cookie and the matching header, plus
    /// any `cookies` (e.g. the session). Returns status, `Set-Cookie` values and the body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value, cookies: &str) -> Posted {
        let res = self
            .client
            .post(self.url(path))
            .header("cookie", format!("sk_csrf=test-csrf-token; {cookies}"))
            .header("x-csrf-token", "test-csrf-token")
            .json(body)
            .send()
            .await
            .expect("POST");
        Posted::read(res).await
    }

    /// A refund as the back office asks for one: JSON, CSRF, and its `Idempotency-Key`.
    pub async fn refund(
        &self,
        number: &str,
        body: &serde_json::Value,
        cookies: &str,
        key: &str,
    ) -> Posted {
        let res = self
            .client
            .post(self.url(&format!("/api/v1/admin/orders/{number}/refunds")))
            .header("cookie", format!("sk_csrf=test-csrf-token; {cookies}"))
            .header("x-csrf-token", "test-csrf-token")
            .header("idempotency-key", key)
            .json(body)
            .send()
            .await
            .expect("POST refund");
        Posted::read(res).await
    }

    /// Any method with a JSON body (or none), as the browser app sends it: CSRF cookie and
    /// header, plus `cookies`.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
        cookies: &str,
    ) -> Posted {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("cookie", format!("sk_csrf=test-csrf-token; {cookies}"))
            .header("x-csrf-token", "test-csrf-token");
        if let Some(body) = body {
            req = req.json(body);
        }
        Posted::read(req.send().await.expect("request")).await
    }

    /// POSTs raw bytes (an upload) as the back office does, with CSRF cookie and header.
    pub async fn post_bytes(
        &self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
        cookies: &str,
    ) -> Posted {
        let res = self
            .client
            .post(self.url(path))
            .header("cookie", format!("sk_csrf=test-csrf-token; {cookies}"))
            .header("x-csrf-token", "test-csrf-token")
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("POST bytes");
        Posted::read(res).await
    }

    /// Registers a customer and returns the session cookie (`sk_session=…`).
    pub async fn register_customer(&self, email: &str) -> String {
        let res = self
            .post_json(
                "/api/v1/auth/register",
                &serde_json::json!({"email": email, "password": "a fine long passphrase", "display_name": "韩梅梅"}),
                "",
            )
            .await;
        assert_eq!(res.status, 201, "register: {:?}", res.json);
        res.cookie("sk_session").expect("session cookie")
    }

    /// A guest's order for `quantity` of the variant `sku` to a Shanghai address, after giving
    /// that variant `stock` units.
    pub async fn order_sku(
        &self,
        key: &str,
        sku: &str,
        quantity: u32,
        stock: i64,
        payment: &str,
    ) -> Posted {
        let variant = self.variant_with_stock(sku, stock).await;
        let body = guest_order("guest@example.cn", variant, quantity, payment);
        let placed = self.place_order(key, &body, "").await;
        assert_eq!(placed.status, 201, "{:?}", placed.json);
        placed
    }

    /// Places an order as the shop front does (CSRF header, `Idempotency-Key`).
    pub async fn place_order(&self, key: &str, body: &serde_json::Value, cookies: &str) -> Posted {
        let res = self
            .client
            .post(self.url("/api/v1/store/orders"))
            .header("cookie", format!("sk_csrf=test-csrf-token; {cookies}"))
            .header("x-csrf-token", "test-csrf-token")
            .header("idempotency-key", key)
            .json(body)
            .send()
            .await
            .expect("POST order");
        Posted::read(res).await
    }

    /// GET with cookies, parsing JSON when there is a body.
    pub async fn get_with(&self, path: &str, cookies: &str) -> Posted {
        let res = self
            .client
            .get(self.url(path))
            .header("cookie", cookies)
            .send()
            .await
            .expect("GET");
        Posted::read(res).await
    }

    /// GET a page and return status and HTML.
    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// Stops the server (the database stays): the shop is unreachable from then on.
    pub fn stop_server(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Stops the server and removes its database.
    pub async fn cleanup(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        for tx in self.others.drain(..) {
            let _ = tx.send(());
        }
        self.db.pool.close().await;
        let _ = std::fs::remove_dir_all(&self.media_dir);
        match &self.cleanup {
            Cleanup::SqliteFile(file) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Ok(admin) = sqlx::AnyPool::connect(admin_url).await {
                    let _ = admin
                        .execute(sqlx::raw_sql(&format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// The body of a guest's order (`email`) for `quantity` of `variant`, delivered by the
/// standard method to a Shanghai address.
pub fn guest_order(email: &str, variant: i64, quantity: u32, payment: &str) -> serde_json::Value {
    serde_json::json!({
        "lines": [{"variant_id": variant, "quantity": quantity}],
        "email": email,
        "address": {"type": "china", "recipient": "李雷", "phone": "13800138000",
                    "division_code": "310115", "detail": "世纪大道 1 号"},
        "shipping_method": "standard",
        "payment_method": payment,
    })
}

/// A signed-in staff member made for a test.
#[derive(Debug, Clone)]
pub struct StaffLogin {
    pub id: i64,
    pub email: String,
    pub password: String,
    /// `sk_session=…`, for a `Cookie` header.
    pub cookie: String,
}

/// The password every staff member made by `with_staff` has (hashed once per process).
pub const STAFF_PASSWORD: &str = "staff password for tests";

fn staff_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| server::auth::password::hash(STAFF_PASSWORD).expect("hashing"))
}

impl TestApp {
    /// Signs in and returns the session cookie (`sk_session=…`); panics unless 200.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let res = self
            .post_json(
                "/api/v1/auth/login",
                &serde_json::json!({"email": email, "password": password}),
                "",
            )
            .await;
        assert_eq!(res.status, 200, "login {email}: {:?}", res.json);
        res.cookie("sk_session").expect("session cookie")
    }

    /// A new customer, signed in: their e-mail and session cookie.
    pub async fn with_customer(&self) -> (String, String) {
        let email = format!("customer-{}@example.cn", unique_suffix());
        let cookie = self.register_customer(&email).await;
        (email, cookie)
    }

    /// A new active staff member holding `roles`, signed in.
    pub async fn with_staff(&self, roles: &[shared::staff::StaffRole]) -> StaffLogin {
        let email = format!("staff-{}@storekeep.test", unique_suffix());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, display_name, kind, created_at) \
             VALUES ($1, $2, $3, 'staff', 0) RETURNING id",
        )
        .bind(&email)
        .bind(staff_hash())
        .bind("测试员工")
        .fetch_one(&self.db.pool)
        .await
        .expect("a staff member");
        for role in roles {
            sqlx::query("INSERT INTO staff_roles (user_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(role.code())
                .execute(&self.db.pool)
                .await
                .expect("a role");
        }
        let cookie = self.login(&email, STAFF_PASSWORD).await;
        StaffLogin {
            id,
            email,
            password: STAFF_PASSWORD.into(),
            cookie,
        }
    }

    /// The demo shop's owner, signed in.
    pub async fn owner(&self) -> StaffLogin {
        let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(server::seed::DEMO_ADMIN.email)
            .fetch_one(&self.db.pool)
            .await
            .expect("the demo owner");
        StaffLogin {
            id,
            email: server::seed::DEMO_ADMIN.email.into(),
            password: server::seed::DEMO_ADMIN.password.into(),
            cookie: self
                .login(
                    server::seed::DEMO_ADMIN.email,
                    server::seed::DEMO_ADMIN.password,
                )
                .await,
        }
    }

    /// The id of the demo variant `sku`, after giving it `stock` units (none reserved).
    pub async fn variant_with_stock(&self, sku: &str, stock: i64) -> i64 {
        let variant: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = $1")
            .bind(sku)
            .fetch_one(&self.db.pool)
            .await
            .expect("a demo SKU");
        // through the ledger, as a stock count would: an adjustment row per level
        sqlx::query(
            "INSERT INTO stock_movements (variant_id, warehouse_id, seller_id, kind, quantity, on_hand_delta, \
             reserved_delta, document, reason, actor, at) \
             SELECT variant_id, warehouse_id, seller_id, 'adjustment', ABS($1 - on_hand), $1 - on_hand, -reserved, \
             'test', 'stock set by a test', 'system', 0 FROM stock_levels WHERE variant_id = $2",
        )
        .bind(stock)
        .bind(variant)
        .execute(&self.db.pool)
        .await
        .expect("ledger rows");
        sqlx::query("UPDATE stock_levels SET on_hand = $1, reserved = 0 WHERE variant_id = $2")
            .bind(stock)
            .bind(variant)
            .execute(&self.db.pool)
            .await
            .expect("stock");
        self.db.commits.note(); // a write the server did not make itself
        variant
    }

    /// A guest's bank-transfer order for one unit of a stocked product; its number.
    pub async fn bank_transfer_order(&self, key: &str) -> String {
        let placed = self
            .order_sku(key, "BD-001-01", 1, 50, "bank_transfer")
            .await;
        placed.json["number"]
            .as_str()
            .expect("a number")
            .to_string()
    }

    /// The newest outbox message to `recipient`: its body.
    pub async fn last_message_to(&self, recipient: &str) -> String {
        sqlx::query_scalar(
            "SELECT body FROM messages WHERE recipient = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(recipient)
        .fetch_one(&self.db.pool)
        .await
        .expect("a message")
    }

    /// Every stock level whose on-hand or reserved figure is not the sum of its ledger rows,
    /// or whose reserved figure is not what orders hold there: `(variant, warehouse, on_hand,
    /// ledger on_hand, reserved, ledger reserved, held)`. Empty when the books are right.
    pub async fn ledger_mismatches(&self) -> Vec<(i64, i64, i64, i64, i64, i64, i64)> {
        sqlx::query_as(
            "SELECT s.variant_id, s.warehouse_id, s.on_hand, \
             CAST(COALESCE((SELECT SUM(m.on_hand_delta) FROM stock_movements m WHERE m.variant_id = s.variant_id AND m.warehouse_id = s.warehouse_id), 0) AS BIGINT), \
             s.reserved, \
             CAST(COALESCE((SELECT SUM(m.reserved_delta) FROM stock_movements m WHERE m.variant_id = s.variant_id AND m.warehouse_id = s.warehouse_id), 0) AS BIGINT), \
             CAST(COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r WHERE r.variant_id = s.variant_id AND r.warehouse_id = s.warehouse_id), 0) AS BIGINT) \
             FROM stock_levels s",
        )
        .fetch_all(&self.db.pool)
        .await
        .expect("ledger sums")
        .into_iter()
        .filter(|r: &(i64, i64, i64, i64, i64, i64, i64)| r.2 != r.3 || r.4 != r.5 || r.4 != r.6 || r.4 < 0)
        .collect()
    }

    /// Cash-on-delivery orders to these Shanghai districts, allocated, picked, packed and
    /// shipped with the own fleet by the staff member `cookie`; their shipments.
    pub async fn own_fleet_parcels(&self, cookie: &str, key: &str, districts: &[&str]) -> Vec<i64> {
        let shipments = self.packed_parcels(cookie, key, districts).await;
        for s in &shipments {
            let shipped = self
                .post_json(
                    &format!("/api/v1/admin/shipments/{s}/ship"),
                    &serde_json::json!({"carrier": "own_fleet"}),
                    cookie,
                )
                .await;
            assert_eq!(shipped.status, 200, "{:?}", shipped.json);
        }
        shipments
    }

    /// Packed parcels from Shanghai's warehouse, one per district (as `own_fleet_parcels`),
    /// waiting for a carrier.
    pub async fn packed_parcels(&self, cookie: &str, key: &str, districts: &[&str]) -> Vec<i64> {
        use serde_json::json;
        let variant = self.variant_with_stock("BD-001-01", 100).await;
        let mut shipments = Vec::new();
        for (n, district) in districts.iter().enumerate() {
            let mut body = guest_order("fleet@example.cn", variant, 1, "cash_on_delivery");
            body["address"]["division_code"] = json!(district);
            let placed = self
                .place_order(&format!("{key}-order-{n:04}"), &body, "")
                .await;
            assert_eq!(placed.status, 201, "{:?}", placed.json);
            let number = placed.json["number"]
                .as_str()
                .expect("a number")
                .to_string();
            let a = self
                .post_json(
                    &format!("/api/v1/admin/orders/{number}/allocate"),
                    &json!({}),
                    cookie,
                )
                .await;
            assert_eq!(a.status, 200, "{:?}", a.json);
            shipments.push(a.json["shipments"][0].as_i64().expect("a shipment"));
        }
        let sh = self.warehouse_id("SH-01").await;
        self.pick_everything(cookie, sh).await;
        for s in &shipments {
            let packed = self
                .post_json(
                    &format!("/api/v1/admin/shipments/{s}/pack"),
                    &json!({"package": "medium", "weight_grams": 2500}),
                    cookie,
                )
                .await;
            assert_eq!(packed.status, 204);
        }
        shipments
    }

    /// Makes a pick list of what waits in `warehouse`, finds every unit and completes it.
    pub async fn pick_everything(&self, cookie: &str, warehouse: i64) {
        use serde_json::json;
        let list = self
            .post_json(
                "/api/v1/admin/pick-lists",
                &json!({"warehouse": warehouse}),
                cookie,
            )
            .await;
        assert_eq!(list.status, 201, "{:?}", list.json);
        let id = list.json["row"]["id"].as_i64().expect("a pick list");
        for line in list.json["lines"].as_array().expect("lines") {
            let path = format!("/api/v1/admin/pick-lists/{id}/lines/{}", line["variant"]);
            let body = json!({"picked": line["quantity"]});
            let res = self
                .send(reqwest::Method::PUT, &path, Some(&body), cookie)
                .await;
            assert_eq!(res.status, 200, "{:?}", res.json);
        }
        let done = self
            .post_json(
                &format!("/api/v1/admin/pick-lists/{id}/complete"),
                &json!({}),
                cookie,
            )
            .await;
        assert_eq!(done.status, 200, "{:?}", done.json);
    }

    /// Pays card order `number` (with its access `token`) on the sandbox gateway.
    pub async fn pay_by_card(&self, number: &str, token: &str) {
        let start = self
            .post_json(
                &format!("/api/v1/store/orders/{number}/payments"),
                &serde_json::json!({"access_token": token}),
                "",
            )
            .await;
        assert_eq!(start.status, 200, "{:?}", start.json);
        let redirect = start.json["redirect_url"].as_str().expect("a payment page");
        let approved = self
            .client
            .post(self.url(&format!("{redirect}/approve")))
            .send()
            .await
            .expect("approve");
        assert_eq!(approved.status(), 200);
    }

    /// Takes order `number` through the warehouse as staff (`cookie`) would: allocated,
    /// picked in full, packed and shipped with SF Express under `tracking`. Its first
    /// shipment's id.
    pub async fn ship_order(&self, cookie: &str, number: &str, tracking: &str) -> i64 {
        use serde_json::json;
        let a = self
            .post_json(
                &format!("/api/v1/admin/orders/{number}/allocate"),
                &json!({}),
                cookie,
            )
            .await;
        assert_eq!(a.status, 200, "{:?}", a.json);
        let shipment = a.json["shipments"][0].as_i64().expect("a shipment");
        let warehouse: i64 = sqlx::query_scalar("SELECT warehouse_id FROM shipments WHERE id = $1")
            .bind(shipment)
            .fetch_one(&self.db.pool)
            .await
            .expect("its warehouse");
        self.pick_everything(cookie, warehouse).await;
        let packed = self
            .post_json(
                &format!("/api/v1/admin/shipments/{shipment}/pack"),
                &json!({"package": "medium", "weight_grams": 900}),
                cookie,
            )
            .await;
        assert_eq!(packed.status, 204, "{:?}", packed.json);
        let shipped = self
            .post_json(
                &format!("/api/v1/admin/shipments/{shipment}/ship"),
                &json!({"carrier": "sf_express", "tracking_number": tracking}),
                cookie,
            )
            .await;
        assert_eq!(shipped.status, 200, "{:?}", shipped.json);
        shipment
    }

    /// Delivers shipment `shipment` as staff (`cookie`) would.
    pub async fn deliver(&self, cookie: &str, shipment: i64) {
        let delivered = self
            .post_json(
                &format!("/api/v1/admin/shipments/{shipment}/deliver"),
                &serde_json::json!({}),
                cookie,
            )
            .await;
        assert_eq!(delivered.status, 204, "{:?}", delivered.json);
    }

    /// A card order by the signed-in customer `cookie` for `quantity` of `sku`, paid,
    /// shipped and delivered by the owner; its number and the variant.
    pub async fn delivered_order(
        &self,
        cookie: &str,
        key: &str,
        sku: &str,
        quantity: u32,
    ) -> (String, i64) {
        let owner = self.owner().await;
        let variant = self.variant_with_stock(sku, 20).await;
        let placed = self
            .place_order(
                key,
                &guest_order("buyer@example.cn", variant, quantity, "card"),
                cookie,
            )
            .await;
        assert_eq!(placed.status, 201, "{:?}", placed.json);
        let number = placed.json["number"]
            .as_str()
            .expect("a number")
            .to_string();
        let token = placed.json["access_token"].as_str().expect("a token");
        self.pay_by_card(&number, token).await;
        let shipment = self
            .ship_order(&owner.cookie, &number, &format!("SF{key}"))
            .await;
        self.deliver(&owner.cookie, shipment).await;
        (number, variant)
    }

    /// The id of the warehouse `code` (`SH-01`).
    pub async fn warehouse_id(&self, code: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM warehouses WHERE code = $1")
            .bind(code)
            .fetch_one(&self.db.pool)
            .await
            .expect("a warehouse")
    }

    /// Panics unless every stock level's figures are its ledger's sums.
    pub async fn assert_books_true(&self) {
        let wrong = self.ledger_mismatches().await;
        assert!(
            wrong.is_empty(),
            "levels whose figures are not their ledger's sums: {wrong:?}"
        );
    }

    /// The `(method, path)` of every operation the OpenAPI document lists whose path
    /// satisfies `wanted`.
    pub async fn documented_routes(
        &self,
        wanted: impl Fn(&str) -> bool,
    ) -> std::collections::BTreeSet<(String, String)> {
        let (_, doc) = self.get_json("/api/openapi.json").await;
        doc["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .filter(|(p, _)| wanted(p))
            .flat_map(|(p, item)| {
                item.as_object()
                    .expect("operations")
                    .keys()
                    .filter(|m| ["get", "post", "put", "patch", "delete"].contains(&m.as_str()))
                    .map(move |m| (m.clone(), p.clone()))
            })
            .collect()
    }

    /// How many audit entries there are.
    pub async fn audit_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&self.db.pool)
            .await
            .expect("audit count")
    }
}

/// The `token=` value of the link in a message.
pub fn link_token(body: &str) -> String {
    body.split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a link with a token")
        .to_string()
}

/// Drops test databases left behind by runs that died more than two hours ago.
async fn sweep_old_databases(admin: &sqlx::AnyPool) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'sk_test_%'")
            .fetch_all(admin)
            .await
            .unwrap_or_default();
    for name in names {
        let secs: u64 = name
            .trim_start_matches("sk_test_")
            .split('_')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(u64::MAX);
        if secs < now.saturating_sub(7200) {
            let _ = admin
                .execute(sqlx::raw_sql(&format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
        }
    }
}

/// Declares each listed `async fn name(backend: Backend)` as two tests, one per backend:
/// `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(::server::db::Backend::Sqlite).await
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(::server::db::Backend::Postgres).await
            })*
        }
    };
}

/// A response read whole: status, the cookies it set and its JSON body (`Null` when empty).
pub struct Posted {
    pub status: u16,
    pub set_cookies: Vec<String>,
    pub headers: reqwest::header::HeaderMap,
    pub json: serde_json::Value,
}

impl Posted {
    async fn read(res: reqwest::Response) -> Posted {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let set_cookies = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        let text = res.text().await.expect("body");
        let json = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
        };
        Posted {
            status,
            set_cookies,
            headers,
            json,
        }
    }

    /// `name=value` of the cookie `name` this response set, ready for a `Cookie` header.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .and_then(|c| c.split(';').next())
            .map(str::to_string)
    }
}

/// Replaces the `<!-- {name}:start -->…<!-- {name}:end -->` block of BENCHMARKS.md with
/// `md` (appending it under `## {title}` the first time), and prints it.
pub fn write_benchmark_block(name: &str, title: &str, md: &str) {
    let (start, end) = (
        format!("<!-- {name}:start -->"),
        format!("<!-- {name}:end -->"),
    );
    let block = format!("{start}\n{md}{end}");
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from);
    let path = manifest_dir.join("../BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let new = match (old.find(&start), old.find(&end)) {
        (Some(a), Some(b)) if a < b => format!("{}{block}{}", &old[..a], &old[b + end.len()..]),
        _ => format!("{old}\n## {title}\n\n{block}\n"),
    };
    std::fs::write(&path, new).expect("writing BENCHMARKS.md");
    eprintln!("\n{block}\nwrote {}", path.display());
}
