//! Storage.
//!
//! # The choice: sqlx's `Any` driver, one SQL text for SQLite and PostgreSQL
//!
//! Storekeep runs on an embedded SQLite file by default and on PostgreSQL to scale out.
//! Both go through one code path: an [`sqlx::AnyPool`], runtime-checked queries
//! (`sqlx::query_as::<_, Row>` with `#[derive(FromRow)]` row types) and the same SQL text on
//! both backends, with `$1` placeholders (SQLite accepts them too). Reasons:
//!
//! * one repository module per domain instead of two; a query cannot drift between backends;
//! * the test suite runs every data-layer test against both, so a dialect slip fails a test;
//! * `query!` macros would tie each query to one backend and need a live database to build.
//!
//! The price is a narrower type set: `Any` maps integers, text, floats and blobs only. So ids
//! are `BIGINT` (SQLite `INTEGER`), money is `BIGINT` minor units, timestamps are `BIGINT`
//! milliseconds (UTC), booleans are `0/1` integers, enums are `TEXT` with `CHECK`, and an
//! aggregate that PostgreSQL would widen to `NUMERIC` (`SUM`) is cast back: `CAST(SUM(x) AS BIGINT)`.
//!
//! Migrations live in one folder per backend (`migrations/sqlite`, `migrations/postgres`),
//! embedded in the binary and chosen from the URL; they differ only in identity columns.
//!
//! SQLite is opened in WAL mode with `foreign_keys=ON`, a busy timeout and `synchronous=FULL`
//! (order data must survive a power cut; see BENCHMARKS.md for what it costs).

pub mod accounts;
pub mod addresses;
pub mod audit;
pub mod carts;
pub mod catalog;
pub mod catalog_admin;
pub mod consultations;
pub mod coupons;
pub mod fleet;
pub mod idempotency;
pub mod inventory;
pub mod messages;
pub mod order_detail;
pub mod orders;
pub mod payments;
pub mod pick_lists;
pub mod placed_order;
pub mod procurement;
pub mod profile;
pub mod quality;
pub mod receiving;
pub mod refunds;
pub mod repairs;
pub mod reports;
pub mod returns;
pub mod reviews;
pub mod search;
pub mod settings;
pub mod shipments;
pub mod shipping;
pub mod staff;
pub mod status;
pub mod stock;
pub mod supplier_portal;
pub mod tracking;
pub mod views;
pub mod wishlist;
mod write;

pub use write::{Commits, WriteTx};

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The database handle handed to every repository and workflow.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Write transactions this process committed (the catalogue cache watches it).
    pub commits: Commits,
    /// SQLite: the turn writers take and the group writer (`write.rs`).
    sqlite: Option<write::SqliteWrites>,
}

impl Db {
    /// Connects (creating the SQLite file and its folder when missing).
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url);
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url).context("parsing the database URL")?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 10000",
                            "PRAGMA synchronous = FULL",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("connecting to the {backend:?} database"))?;
        let commits = Commits::default();
        let sqlite = (backend == Backend::Sqlite)
            .then(|| write::SqliteWrites::start(pool.clone(), commits.clone()));
        Ok(Db {
            pool,
            backend,
            commits,
            sqlite,
        })
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        self.migrate_until(i64::MAX).await
    }

    /// Runs the migrations up to and including version `last` (the upgrade tests start
    /// from an older schema this way).
    ///
    /// On SQLite the migrations run on one connection with foreign keys switched off, as
    /// SQLite's own procedure for rebuilding a table requires (a dropped parent table would
    /// otherwise cascade its deletes); afterwards every foreign key is checked and any
    /// violation fails the start.
    pub async fn migrate_until(&self, last: i64) -> anyhow::Result<()> {
        let all = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        let migrator = sqlx::migrate::Migrator {
            migrations: all
                .migrations
                .iter()
                .filter(|m| m.version <= last)
                .cloned()
                .collect::<Vec<_>>()
                .into(),
            ..sqlx::migrate::Migrator::DEFAULT
        };
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Postgres {
            // on PostgreSQL the migrator takes an advisory lock: several processes may start at once
            return migrator.run(&mut *conn).await.context("running migrations");
        }
        conn.execute("PRAGMA foreign_keys = OFF").await?;
        let ran = migrator.run(&mut *conn).await.context("running migrations");
        conn.execute("PRAGMA foreign_keys = ON").await?;
        ran?;
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(&mut *conn)
                .await?;
        if let Some((table,)) = broken.first() {
            anyhow::bail!(
                "after migrating, table {table} has rows whose foreign keys point nowhere"
            );
        }
        Ok(())
    }

    /// Refreshes the query planner's statistics (`ANALYZE`; on SQLite sampling at most a
    /// few hundred rows per index, so it stays quick on a big shop).
    pub async fn refresh_statistics(&self) -> Result<(), sqlx::Error> {
        let sql = match self.backend {
            Backend::Sqlite => "PRAGMA analysis_limit = 400; ANALYZE",
            Backend::Postgres => "ANALYZE",
        };
        self.pool.execute(sqlx::raw_sql(sql)).await.map(|_| ())
    }

    /// `SELECT 1`: is the database answering?
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// Adds `mode=rwc` (create when missing) and creates the file's folder.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.is_empty() && !path.starts_with(':') {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the database folder {}", dir.display()))?;
            }
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// Milliseconds since the Unix epoch, the one timestamp representation in the database.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// One bind argument of a query assembled at run time.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(i64),
    Text(String),
    /// A NULL of the integer or the text type (PostgreSQL wants the parameter's type)
    NullInt,
    NullText,
}

/// A query assembled at run time with numbered placeholders, bound in order.
#[derive(Debug, Default)]
pub struct SqlBuilder {
    pub sql: String,
    pub args: Vec<Arg>,
}

impl SqlBuilder {
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `arg` (`$n`).
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.sql.push_str(&format!("${}", self.args.len()));
        self
    }

    /// The arguments, bound in order.
    fn arguments(&self) -> sqlx::any::AnyArguments<'_> {
        use sqlx::Arguments;
        let mut args = sqlx::any::AnyArguments::default();
        for arg in &self.args {
            // adding an integer, a text or a NULL to `AnyArguments` cannot fail
            let _ = match arg {
                Arg::Int(v) => args.add(*v),
                Arg::Text(v) => args.add(v.as_str()),
                Arg::NullInt => args.add(None::<i64>),
                Arg::NullText => args.add(None::<String>),
            };
        }
        args
    }

    pub fn query_as<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(&self.sql, self.arguments())
    }

    pub fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        sqlx::query_with(&self.sql, self.arguments())
    }

    pub fn query_scalar<'q, T>(
        &'q self,
    ) -> sqlx::query::QueryScalar<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>
    where
        T: sqlx::Type<sqlx::Any> + for<'r> sqlx::Decode<'r, sqlx::Any>,
        (T,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_scalar_with(&self.sql, self.arguments())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(
            sqlite_url("sqlite::memory:").unwrap(),
            "sqlite://:memory:?mode=rwc"
        );
        let dir = std::env::temp_dir().join("storekeep-url-test");
        let url = format!("sqlite://{}/x.db?mode=ro", dir.display());
        assert_eq!(sqlite_url(&url).unwrap(), url);
        assert!(dir.is_dir());
        assert_eq!(Backend::from_url("postgres://x/y"), Backend::Postgres);
        assert_eq!(Backend::from_url("sqlite://x.db"), Backend::Sqlite);
    }

    #[test]
    fn builder_numbers_placeholders_in_order() {
        let mut b = SqlBuilder::default();
        b.push("a = ")
            .bind(Arg::Int(1))
            .push(" AND b = ")
            .bind(Arg::Text("x".into()));
        assert_eq!(b.sql, "a = $1 AND b = $2");
        assert_eq!(b.args.len(), 2);
    }
}
