//! The guest cart in IndexedDB: database `storekeep`, object store `cart`, one record
//! (`items`) holding the items as JSON. It survives reloads, restarts and being offline.

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
    let db = open().await?;
    let tx = db.transaction(STORE).build().map_err(|e| e.to_string())?;
    let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
    let json: Option<String> = store
        .get(KEY)
        .primitive()
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    // a damaged record is an empty cart, not a broken page
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

pub async fn save(items: &[CartItem]) -> Result<(), String> {
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
        .with_key(KEY)
        .primitive()
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())
}
