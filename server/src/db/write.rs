//! Write transactions, counted. Every write this process commits goes through [`WriteTx`],
//! whose `commit` adds one to the process's commit counter once the database has it; the
//! catalogue cache compares that counter with the one it last checked and re-reads the
//! catalogue's version when they differ (so a reader never sees a copy older than a write this
//! process has already answered).

use sqlx::{Any, AnyConnection, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How many write transactions this process has committed (shared by every clone of `Db`).
#[derive(Debug, Default, Clone)]
pub struct Commits(Arc<AtomicU64>);

impl Commits {
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Counts one committed write (also for writes made outside a `WriteTx`, e.g. a test's own
    /// SQL).
    pub fn note(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// A transaction begun by `Db::begin_write`. It dereferences to the connection, like sqlx's
/// own transaction (`&mut *tx` is what queries take).
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    commits: Commits,
}

impl WriteTx {
    pub(super) fn new(tx: Transaction<'static, Any>, commits: Commits) -> WriteTx {
        WriteTx { tx, commits }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await?;
        self.commits.note();
        Ok(())
    }

    /// Rolls back at once (dropping it does the same, later).
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
