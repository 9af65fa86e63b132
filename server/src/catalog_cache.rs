//! The shop front's catalogue reads from memory.
//!
//! The database keeps one counter, `catalog_version`, that triggers change in the same
//! transaction as anything the shop front shows of the catalogue (migration 0016). Answers
//! are kept here under the version that was current *before* they were read, and the whole
//! store is dropped when the version moves on. Why that is never wrong:
//!
//! * this process's own writes: every committed `WriteTx` counts in `Db::commits`; a reader
//!   that finds the count changed since the version was last read reads the version again
//!   before it looks anything up, so once a write has been answered no reader of this process
//!   can be served a copy from before it;
//! * other processes' writes (several servers on one PostgreSQL, or `storekeep seed`): a
//!   watcher reads the version every quarter of a second, so they show within one second;
//! * an answer read while a change commits is filed under the older version, which is
//!   already (or soon) superseded: at worst a fresh answer is thrown away.

use crate::db::Db;
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// How often other processes' changes are looked for.
pub const WATCH_EVERY: Duration = Duration::from_millis(250);
/// At most this many answers (a search for every word typed must not fill the memory) …
const MAX_ENTRIES: usize = 4096;
/// … and about this many bytes of them; past either, the store starts again empty.
const MAX_BYTES: usize = 64 << 20;

type Value = Arc<dyn Any + Send + Sync>;

#[derive(Clone)]
pub struct CatalogCache(Arc<Inner>);

struct Inner {
    db: Db,
    /// Off: every read goes to the database (to measure what that costs).
    enabled: bool,
    /// The newest version known to be committed.
    known: AtomicI64,
    /// `db.commits` when `known` was last read from the database.
    checked: AtomicU64,
    store: RwLock<Store>,
    /// Keys being loaded, each with the gate its other requests wait at.
    gates: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Store {
    version: i64,
    entries: HashMap<String, Value>,
    bytes: usize,
}

/// Lookups so far (for the benchmark's notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: usize,
}

impl CatalogCache {
    /// A cache for `db`, knowing its current version; `enabled: false` keeps nothing.
    pub async fn new(db: Db, enabled: bool) -> Result<CatalogCache, sqlx::Error> {
        let checked = db.commits.count();
        let version = read_version(&db).await?;
        Ok(CatalogCache(Arc::new(Inner {
            db,
            enabled,
            known: AtomicI64::new(version),
            checked: AtomicU64::new(checked),
            store: RwLock::new(Store {
                version,
                ..Store::default()
            }),
            gates: Mutex::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        })))
    }

    /// Reads the version every `every` (changes made by other processes), until the process
    /// ends.
    pub fn watch(&self, every: Duration) {
        let inner = Arc::downgrade(&self.0);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(inner) = inner.upgrade() else { return };
                match read_version(&inner.db).await {
                    Ok(v) => {
                        inner.known.fetch_max(v, Ordering::AcqRel);
                    }
                    Err(e) => tracing::warn!(error = %e, "reading the catalogue version failed"),
                }
            }
        });
    }

    /// The answer kept for `key`, or `load`'s, kept for next time. `bytes` says roughly how
    /// much memory an answer takes.
    pub async fn get_or_load<T, E, F, Fut>(
        &self,
        key: &str,
        bytes: impl FnOnce(&T) -> usize,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: From<sqlx::Error>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        self.cached(true, key, bytes, load).await
    }

    /// As `get_or_load`, but without re-reading the version after this process's own writes:
    /// the answer may be as old as the watcher's last look (a quarter of a second). For data
    /// read on every order whose changes need not apply to the very next one (the delivery
    /// methods): an order placed right after a write saves one query.
    pub async fn get_or_load_recent<T, E, F, Fut>(
        &self,
        key: &str,
        bytes: impl FnOnce(&T) -> usize,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: From<sqlx::Error>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        self.cached(false, key, bytes, load).await
    }

    /// The answer under the current version (`after_own_writes`: checked against this
    /// process's commits first), or `load`'s.
    async fn cached<T, E, F, Fut>(
        &self,
        after_own_writes: bool,
        key: &str,
        bytes: impl FnOnce(&T) -> usize,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: From<sqlx::Error>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        if !self.0.enabled {
            return load().await.map(Arc::new);
        }
        let version = if after_own_writes {
            self.version().await?
        } else {
            self.0.known.load(Ordering::Acquire)
        };
        if let Some(hit) = self.lookup::<T>(version, key) {
            self.0.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        // one load per answer at a time: the requests that miss together after a change wait
        // for the first one's answer instead of each asking the database
        let gate = self.gate(key);
        let turn = gate.lock().await;
        let found = self.lookup::<T>(version, key);
        let result = match found {
            Some(hit) => {
                self.0.hits.fetch_add(1, Ordering::Relaxed);
                Ok(hit)
            }
            None => {
                self.0.misses.fetch_add(1, Ordering::Relaxed);
                match load().await {
                    Ok(value) => {
                        let value = Arc::new(value);
                        let size = bytes(&value) + key.len() + 64;
                        self.keep(version, key, value.clone(), size);
                        Ok(value)
                    }
                    Err(e) => Err(e),
                }
            }
        };
        drop(turn);
        self.ungate(key, &gate);
        result
    }

    /// The gate that lets one request at a time load `key`.
    fn gate(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut gates) = self.0.gates.lock() else {
            return Arc::default();
        };
        // gates left behind by requests that were dropped while loading: no one holds them
        if gates.len() > MAX_ENTRIES {
            gates.retain(|_, g| Arc::strong_count(g) > 1);
        }
        gates.entry(key.to_string()).or_default().clone()
    }

    /// Forgets `gate` once no one else waits at it.
    fn ungate(&self, key: &str, gate: &Arc<tokio::sync::Mutex<()>>) {
        if let Ok(mut gates) = self.0.gates.lock() {
            // the map's reference and ours: nobody else holds it
            if gates
                .get(key)
                .is_some_and(|g| Arc::ptr_eq(g, gate) && Arc::strong_count(g) == 2)
            {
                gates.remove(key);
            }
        }
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.0.hits.load(Ordering::Relaxed),
            misses: self.0.misses.load(Ordering::Relaxed),
            entries: self.0.store.read().map_or(0, |s| s.entries.len()),
        }
    }

    /// The version to read under: re-read from the database when this process committed a
    /// write since it was last read.
    async fn version(&self) -> Result<i64, sqlx::Error> {
        let inner = &self.0;
        let commits = inner.db.commits.count();
        if commits != inner.checked.load(Ordering::Acquire) {
            let v = read_version(&inner.db).await?;
            inner.known.fetch_max(v, Ordering::AcqRel);
            inner.checked.fetch_max(commits, Ordering::AcqRel);
        }
        Ok(inner.known.load(Ordering::Acquire))
    }

    fn lookup<T: Send + Sync + 'static>(&self, version: i64, key: &str) -> Option<Arc<T>> {
        let store = self.0.store.read().ok()?;
        if store.version != version {
            return None;
        }
        store.entries.get(key)?.clone().downcast::<T>().ok()
    }

    fn keep(&self, version: i64, key: &str, value: Value, size: usize) {
        let Ok(mut store) = self.0.store.write() else {
            return;
        };
        if store.version > version {
            return; // read under a version already superseded
        }
        if store.version < version {
            *store = Store {
                version,
                ..Store::default()
            };
        }
        if store.entries.len() >= MAX_ENTRIES || store.bytes + size > MAX_BYTES {
            store.entries.clear();
            store.bytes = 0;
        }
        if store.entries.insert(key.to_string(), value).is_none() {
            store.bytes += size;
        }
    }
}

async fn read_version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM catalog_version WHERE id = 1")
        .fetch_one(&db.pool)
        .await
}
