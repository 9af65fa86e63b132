//! Write transactions.
//!
//! * Every write this process commits is counted ([`Commits`]); the catalogue cache compares
//!   the count with the one it last checked and re-reads the catalogue's version when they
//!   differ, so a reader never sees a copy older than a write this process has answered.
//! * On SQLite, writers take turns in the process first come, first served (an async mutex)
//!   before `BEGIN IMMEDIATE`, instead of polling SQLite's lock on the busy timeout.
//! * [`Db::write`] runs a unit of work in a transaction and returns once it is durable. On
//!   SQLite the units of concurrent callers are run by one writer task, one after the other
//!   in a shared transaction (each after the first in a savepoint), and committed together:
//!   one disk flush for a whole group (group commit). A unit that fails is rolled back alone
//!   and answered at once; the others are answered after their common commit. A unit must
//!   not itself begin a write (it would wait for the writer it runs in). On PostgreSQL every unit has
//!   its own transaction (the server groups commits itself).

use super::{Backend, Db};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::ops::{Deref, DerefMut};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex, OwnedMutexGuard};

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
    /// SQLite: this process's turn to write, held until the transaction ends.
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
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

/// A unit of work for [`Db::write`]: it gets the connection of an open transaction and
/// returns a future of its result.
pub trait Work<T, E>:
    for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send + 'static
{
}

impl<T, E, F> Work<T, E> for F where
    F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send + 'static
{
}

/// What the group writer runs: the unit, which says whether to keep what it wrote.
type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, bool> + Send>;

struct Queued {
    job: Job,
    /// The common commit's outcome (an error as text: sqlx errors cannot be cloned).
    committed: oneshot::Sender<Result<(), String>>,
}

/// SQLite's write side of a `Db`: the turn every writer takes and the group writer's queue.
#[derive(Clone)]
pub(super) struct SqliteWrites {
    turn: Arc<Mutex<()>>,
    queue: mpsc::Sender<Queued>,
}

/// At most this many units share one commit (whether they succeed or not).
const MAX_GROUP: usize = 64;
/// How long a writer waits for its turn before giving up (as SQLite's busy timeout would).
const TURN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl SqliteWrites {
    /// Starts the group writer on `pool` (it ends when the last `Db` clone is dropped).
    pub(super) fn start(pool: AnyPool, commits: Commits) -> SqliteWrites {
        let turn = Arc::new(Mutex::new(()));
        let (queue, jobs) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(group_writer(pool, turn.clone(), commits, jobs));
        SqliteWrites { turn, queue }
    }
}

impl Db {
    /// Begins a transaction that will write. On SQLite it waits for this process's turn to
    /// write, then takes the database's write lock at once (`BEGIN IMMEDIATE`), so writers
    /// neither poll the busy timeout nor fail when a read lock cannot be upgraded.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let (tx, turn) = match (&self.backend, &self.sqlite) {
            (Backend::Sqlite, Some(w)) => {
                // the turn first: a writer waiting for it holds no pool connection
                let turn = tokio::time::timeout(TURN_WAIT, w.turn.clone().lock_owned())
                    .await
                    .map_err(|_| sqlx::Error::PoolTimedOut)?;
                let conn = self.pool.acquire().await?;
                (begin_immediate(conn).await?, Some(turn))
            }
            (Backend::Sqlite, None) => (self.pool.begin_with("BEGIN IMMEDIATE").await?, None),
            (Backend::Postgres, _) => (self.pool.begin().await?, None),
        };
        Ok(WriteTx {
            tx,
            commits: self.commits.clone(),
            _turn: turn,
        })
    }

    /// Runs `work` in a write transaction and answers once it is committed (its `Err` rolls
    /// its own writes back). Concurrent units share one commit on SQLite (see the module).
    pub async fn write<T, E>(&self, work: impl Work<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        let Some(sqlite) = &self.sqlite else {
            let mut tx = self.begin_write().await?;
            let result = work(&mut tx).await;
            match result {
                Ok(value) => {
                    tx.commit().await?;
                    return Ok(value);
                }
                Err(e) => {
                    tx.rollback().await?;
                    return Err(e);
                }
            }
        };
        let (result_tx, result_rx) = oneshot::channel();
        let (committed_tx, committed_rx) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                // a caller that stopped waiting (its request timed out) gets nothing written
                if result_tx.is_closed() {
                    return false;
                }
                let result = work(conn).await;
                let keep = result.is_ok() && !result_tx.is_closed();
                let _ = result_tx.send(result);
                keep
            })
        });
        let queued = Queued {
            job,
            committed: committed_tx,
        };
        if sqlite.queue.send(queued).await.is_err() {
            return Err(gone("the database writer has stopped").into());
        }
        match result_rx.await {
            Ok(Ok(value)) => match committed_rx.await {
                Ok(Ok(())) => Ok(value),
                Ok(Err(message)) => Err(gone(&message).into()),
                Err(_) => Err(gone("the database writer stopped before committing").into()),
            },
            Ok(Err(e)) => Err(e),
            // not run: the writer could not begin (its reason), or the unit panicked
            Err(_) => match committed_rx.await {
                Ok(Err(message)) => Err(gone(&message).into()),
                _ => Err(gone("the unit of work failed (panicked)").into()),
            },
        }
    }
}

async fn begin_immediate(
    conn: PoolConnection<Any>,
) -> Result<Transaction<'static, Any>, sqlx::Error> {
    Transaction::begin(conn, Some("BEGIN IMMEDIATE".into())).await
}

fn gone(message: &str) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(message.to_string()))
}

/// The group writer: takes the queued units, runs them one after the other in one
/// transaction (those that arrive meanwhile join in, up to `MAX_GROUP`) and commits them
/// together. The first unit of a transaction runs without a savepoint (a lone order costs no
/// extra statements); if it fails the transaction is rolled back and the next unit begins a
/// new one. Every later unit runs in a savepoint of its own.
async fn group_writer(
    pool: AnyPool,
    turn: Arc<Mutex<()>>,
    commits: Commits,
    mut jobs: mpsc::Receiver<Queued>,
) {
    while let Some(first) = jobs.recv().await {
        let _turn = turn.lock().await;
        let mut conn = match pool.acquire().await {
            Ok(c) => c,
            Err(e) => {
                let _ = first.committed.send(Err(e.to_string()));
                continue;
            }
        };
        let mut ran = 0_usize;
        let mut kept = Vec::new();
        let mut open = false;
        let mut broken = None;
        let mut next = Some(first);
        while let Some(unit) = next.take() {
            ran += 1;
            if !open {
                if let Err(e) = conn.execute("BEGIN IMMEDIATE").await {
                    let _ = unit.committed.send(Err(e.to_string()));
                    break;
                }
                open = true;
                if run(&mut conn, unit.job).await {
                    kept.push(unit.committed);
                } else if let Err(e) = conn.execute("ROLLBACK").await {
                    broken = Some(e.to_string());
                    conn.close_on_drop();
                    break;
                } else {
                    open = false;
                }
            } else {
                match run_in_savepoint(&mut conn, unit.job).await {
                    Ok(true) => kept.push(unit.committed),
                    Ok(false) => {}
                    Err(e) => {
                        // the transaction itself is unusable: the group ends here
                        broken = Some(e.to_string());
                        kept.push(unit.committed);
                        break;
                    }
                }
            }
            if ran < MAX_GROUP {
                next = jobs.try_recv().ok();
            }
        }
        if !open && broken.is_none() {
            continue; // nothing was kept
        }
        let outcome = match broken {
            Some(e) => Err(e),
            None => conn
                .execute("COMMIT")
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        };
        if outcome.is_err() {
            if conn.execute("ROLLBACK").await.is_err() {
                // never hand a connection back inside a transaction sqlx does not know of
                conn.close_on_drop();
            }
        } else {
            commits.note();
        }
        for committed in kept {
            let _ = committed.send(outcome.clone());
        }
    }
}

/// Runs one unit; a panic counts as a failure (its caller hears of it as a dropped answer).
async fn run(conn: &mut AnyConnection, job: Job) -> bool {
    AssertUnwindSafe(job(conn))
        .catch_unwind()
        .await
        .unwrap_or(false)
}

/// Runs one unit in a savepoint: kept when it succeeds, rolled back to the savepoint when it
/// fails or panics. `Err` means a savepoint statement itself failed.
async fn run_in_savepoint(conn: &mut AnyConnection, job: Job) -> Result<bool, sqlx::Error> {
    conn.execute("SAVEPOINT unit").await?;
    let keep = run(conn, job).await;
    if !keep {
        conn.execute("ROLLBACK TO unit").await?;
    }
    conn.execute("RELEASE unit").await?;
    Ok(keep)
}
