//! What a guest keeps in the browser, in IndexedDB: database `storekeep`, object store
//! `cart`, one record per list as JSON — the cart (`items`) and the wishlist (`wishlist`).
//! It survives reloads, restarts and being offline.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use shared::cart::CartItem;

const DB: &str = "storekeep";
const STORE: &str = "cart";
const KEY: &str = "items";

async fn open() -> Result<Database, String> {
    Database::open(DB)
        .with_version(1u8)
        .with_on_upgrade_needed(|_event, db| {
            if !db.object_store_names().any(|name| name == STORE) {
                db.create_object_store(STORE).build()?;
            }
            Ok(())
        })
        .await
        .map_err(|e| e.to_string())
}

pub async fn load() -> Result<Vec<CartItem>, String> {
    load_record(KEY).await
}

pub async fn save(items: &[CartItem]) -> Result<(), String> {
    save_record(KEY, items).await
}

/// The list kept under `key` (a damaged or missing record is an empty list, not a broken
/// page).
pub async fn load_record<T: serde::de::DeserializeOwned>(key: &str) -> Result<Vec<T>, String> {
    let db = open().await?;
    let tx = db.transaction(STORE).build().map_err(|e| e.to_string())?;
    let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
    let json: Option<String> = store
        .get(key)
        .primitive()
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

pub async fn save_record<T: serde::Serialize>(key: &str, items: &[T]) -> Result<(), String> {
    let json = serde_json::to_string(items).map_err(|e| e.to_string())?;
    let db = open().await?;
    let tx = db
        .transaction(STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(|e| e.to_string())?;
    let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
    store
        .put(json)
        .with_key(key)
        .primitive()
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())
}
