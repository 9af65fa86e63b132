//! The CSV import (`/catalogue/products/import`): the chosen file is checked first (a dry
//! run on the server, its progress shown as it streams back), then the summary — new,
//! changed and unchanged products and variants — and every row error with its line and
//! column. Only a file without errors can be imported; the import writes all or nothing.

use super::crumbs;
use super::text::{self, P};
use crate::kit::upload::chosen_file;
use crate::kit::use_page;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use shared::catalog::csv::{ImportEvent, ImportReport, Tally};
use shared::ApiError;
use ui::i18n::{t, use_locale, Translate};

/// Where the page stands.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Choose,
    /// Checking (`apply` false) or importing, with the products done of all.
    Working {
        apply: bool,
        done: u64,
        total: u64,
    },
    Checked(ImportReport),
    Imported(ImportReport),
    Failed(ApiError),
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let locale = use_locale();
    let session = crate::session::use_session();
    let can = Memo::new(move |_| session.can(shared::staff::Permission::ManageCatalog));
    use_page(|l| crumbs(l, Some(P::ImportCsv.text(l).to_string())));
    let stage = RwSignal::new(Stage::Choose);
    // the chosen file, kept for the import after its check
    let file = StoredValue::new(None::<SendWrapper<web_sys::File>>);
    let run = move |apply: bool| {
        let Some(f) = file.get_value() else {
            return;
        };
        stage.set(Stage::Working {
            apply,
            done: 0,
            total: 0,
        });
        leptos::task::spawn_local(async move {
            let mut ended = false;
            let result = crate::api::import_products(f.take(), apply, |event| match event {
                ImportEvent::Progress { done, total } => {
                    stage.set(Stage::Working { apply, done, total })
                }
                ImportEvent::Done { report } => {
                    ended = true;
                    stage.set(if report.applied {
                        Stage::Imported(report)
                    } else {
                        Stage::Checked(report)
                    });
                }
                ImportEvent::Failed { error } => {
                    ended = true;
                    stage.set(Stage::Failed(error));
                }
            })
            .await;
            match result {
                Err(e) => stage.set(Stage::Failed(e)),
                // the answer broke off before its report
                Ok(()) if !ended => stage.set(Stage::Failed(ApiError::new(
                    shared::ErrorCode::Network,
                    "the answer ended early",
                ))),
                Ok(()) => {}
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = chosen_file(&ev) else {
            return;
        };
        file.set_value(Some(SendWrapper::new(f)));
        run(false);
        // the same file may be chosen again after it is fixed
        if let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        {
            input.set_value("");
        }
    };
    let busy = move || matches!(stage.get(), Stage::Working { .. });
    let body = move || {
        match stage.get() {
        Stage::Choose => ().into_any(),
        Stage::Working { apply, done, total } => {
            let l = locale.get();
            let label = if apply { P::Importing } else { P::Checking };
            view! {
                <div class="panel import-progress" role="status" data-testid="import-progress">
                    <p>{label.text(l)}</p>
                    <progress max=total.max(1).to_string() value=done.to_string()></progress>
                    <p class="muted small">{text::progress(l, done, total)}</p>
                </div>
            }
            .into_any()
        }
        Stage::Checked(report) => view! { <Report report run/> }.into_any(),
        Stage::Imported(report) => view! {
            <div class="panel" data-testid="import-done">
                <h2>{t(P::Imported)}</h2>
                <Summary report=report.clone()/>
                <p><a class="btn" href="/admin/catalogue/products">{t(super::text::P::BackToList)}</a></p>
            </div>
        }
        .into_any(),
        Stage::Failed(error) => view! {
            <p class="state state--error" role="alert" data-testid="import-failed">
                {move || crate::text::error(locale.get(), &error)}
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <header class="page-head">
            <h1>{t(P::ImportCsv)}</h1>
        </header>
        <Show when=move || can.get() fallback=|| view! {
            <p class="banner" data-testid="read-only">{t(crate::catalogue::taxonomy::text::S::ReadOnly)}</p>
        }>
        <section class="panel import-intro">
            <p>{t(P::ImportIntro)}</p>
            <p class="muted">{t(P::ImportRules)}</p>
            <p class="row">
                <label class="btn upload__button" class:btn--off=busy>
                    {t(P::ChooseFile)}
                    <input type="file" class="upload__input" accept=".csv,text/csv" disabled=busy
                        on:change=on_file data-testid="import-file"/>
                </label>
                <a class="btn btn--ghost" href="/api/v1/admin/products/export" download="products.csv">{t(P::ExportTemplate)}</a>
            </p>
        </section>
        {body}
        </Show>
    }
}

#[component]
fn TallyRow(label: P, tally: Tally, testid: &'static str) -> impl IntoView {
    view! {
        <tr data-testid=testid>
            <th scope="row">{t(label)}</th>
            <td class="num" data-testid="tally-new">{tally.new}</td>
            <td class="num" data-testid="tally-changed">{tally.changed}</td>
            <td class="num" data-testid="tally-unchanged">{tally.unchanged}</td>
        </tr>
    }
}

/// New / changed / unchanged products and variants.
#[component]
fn Summary(report: ImportReport) -> impl IntoView {
    let locale = use_locale();
    view! {
        <table class="table import-summary" data-testid="import-summary">
            <thead><tr>
                <th>{move || format!("{} · {}", P::Rows.text(locale.get()), report.rows)}</th>
                <th class="num">{t(P::New)}</th>
                <th class="num">{t(P::ChangedCount)}</th>
                <th class="num">{t(P::Unchanged)}</th>
            </tr></thead>
            <tbody>
                <TallyRow label=P::Products tally=report.products testid="tally-products"/>
                <TallyRow label=P::Variants tally=report.variants testid="tally-variants"/>
            </tbody>
        </table>
    }
}

/// The dry run's answer: the summary, then the errors or the button that imports.
#[component]
fn Report(
    report: ImportReport,
    run: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = use_locale();
    let count = report.error_count;
    let listed = report.errors.len() as u64;
    let errors = report
        .errors
        .iter()
        .map(|e| {
            let e = e.clone();
            let column = e.column.clone().unwrap_or_else(|| "—".into());
            view! {
                <tr data-testid="import-error">
                    <td class="num" data-testid="error-line">{e.line}</td>
                    <td class="mono" data-testid="error-column">{column}</td>
                    <td data-testid="error-reason">{move || text::row_error(locale.get(), &e)}</td>
                </tr>
            }
        })
        .collect_view();
    let outcome = if count == 0 {
        view! {
            <p class="banner banner--ok" data-testid="import-clean">{t(P::NoErrors)}</p>
            <p><button type="button" class="btn" data-testid="import-apply" on:click=move |_| run(true)>{t(P::ApplyImport)}</button></p>
        }
        .into_any()
    } else {
        view! {
            <p class="banner banner--bad" role="alert" data-testid="import-errors-found">
                {t(P::ErrorsFound)}" "{move || text::problem_count(locale.get(), count)}
            </p>
            <div class="table-wrap">
                <table class="table" data-testid="import-errors">
                    <thead><tr>
                        <th class="num">{t(P::Line)}</th>
                        <th>{t(P::Column)}</th>
                        <th>{t(P::Reason)}</th>
                    </tr></thead>
                    <tbody>{errors}</tbody>
                </table>
            </div>
            {(count > listed).then(|| view! { <p class="muted">{t(P::MoreErrors)}</p> })}
            <p class="muted">{t(P::FixAndChoose)}</p>
        }
        .into_any()
    };
    view! {
        <section class="panel" data-testid="import-report">
            <Summary report=report.clone()/>
            {outcome}
        </section>
    }
}
