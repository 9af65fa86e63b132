//! A receipt's steps: inspect every line (来料检验) — the defective units found, a result
//! per characteristic, a concession, where rejected units go, and the decision previewed by
//! the rule the server applies — then put what passed into bins (上架).

use super::{every_line, fault, verdict_code};
use crate::kit::form::{row_views, FormErrors, LineError, LineField, SentRows, StepForm};
use crate::procurement::text::{self, Gr, Pc};
use crate::procurement::{localized, whole};
use leptos::prelude::*;
use shared::catalog::Localized;
use shared::ids::VariantId;
use shared::procurement::receiving::{
    decide, inspected_units, CharacteristicResult, InspectLine, InspectReceipt, PutAway,
    PutAwayLine, ReceiptLineView, ReceiptView, ReceivingProblem, RejectTo, CHARACTERISTIC_MAX,
};
use shared::procurement::sampling::Verdict;
use shared::ApiError;
use ui::i18n::{t, use_locale, Translate};

/// The longest bin code (`A-01-02-03`).
const BIN_MAX: usize = 20;

/// The form of one of a receipt's steps (inspect, put away): once done the page's receipt
/// is loaded again (`refresh`). Made while its component runs: it reads the context.
fn step_form(refresh: RwSignal<u32>) -> StepForm<ReceiptView> {
    StepForm::new(text::receiving_error, move |_: ReceiptView| {
        refresh.update(|n| *n += 1)
    })
}

// inspecting -----------------------------------------------------------------------------

/// A characteristic's result as the inspection form holds it (passed to start with).
#[derive(Clone)]
struct ResultRow {
    characteristic: String,
    passed: RwSignal<bool>,
    note: RwSignal<String>,
}

/// A line as the inspection form holds it.
#[derive(Clone)]
struct InspectRow {
    line: ReceiptLineView,
    /// The units to inspect: the sample's, or the whole lot's.
    inspected: i64,
    defective: RwSignal<String>,
    results: Vec<ResultRow>,
    concession: RwSignal<bool>,
    rejected_to: RwSignal<RejectTo>,
}

impl InspectRow {
    fn of(line: ReceiptLineView) -> Self {
        let results = line
            .characteristics
            .iter()
            .map(|c| ResultRow {
                characteristic: c.clone(),
                passed: RwSignal::new(true),
                note: RwSignal::new(String::new()),
            })
            .collect();
        InspectRow {
            inspected: inspected_units(line.plan, line.quantity),
            line,
            defective: RwSignal::new("0".to_string()),
            results,
            concession: RwSignal::new(false),
            rejected_to: RwSignal::new(RejectTo::Supplier),
        }
    }

    /// The defective units typed, when the sample (or the lot) may hold that many.
    fn defective_in(&self, typed: &str) -> Option<i64> {
        whole(typed).filter(|d| (0..=self.inspected).contains(d))
    }

    /// The row's inspection as the request's line `i`, or the rule it breaks.
    fn line(&self, i: usize) -> Result<InspectLine, ApiError> {
        let Some(defective) = self.defective_in(&self.defective.get_untracked()) else {
            return Err(fault(
                ReceivingProblem::DefectiveInvalid,
                format!("lines[{i}].defective"),
            ));
        };
        let mut results = Vec::with_capacity(self.results.len());
        for r in &self.results {
            let note = r.note.get_untracked().trim().to_string();
            if note.chars().count() > CHARACTERISTIC_MAX {
                return Err(fault(
                    ReceivingProblem::CharacteristicInvalid,
                    format!("lines[{i}].results"),
                ));
            }
            results.push(CharacteristicResult {
                characteristic: r.characteristic.clone(),
                passed: r.passed.get_untracked(),
                note,
            });
        }
        Ok(InspectLine {
            variant: self.line.variant,
            defective,
            results,
            concession: self.concession.get_untracked(),
            rejected_to: self.rejected_to.get_untracked(),
        })
    }
}

/// The fields of a line a refusal of the inspection names (`lines[2]`: its plan).
const INSPECT_PARTS: &[&str] = &["defective", "results", "variant", ""];

/// 来料检验: every line of the receipt, each by its plan.
#[component]
pub(super) fn InspectForm(receipt: ReceiptView, refresh: RwSignal<u32>) -> impl IntoView {
    let step = step_form(refresh);
    let (errors, pending) = (step.errors, step.pending);
    let id = receipt.id;
    let sent = SentRows::All(receipt.lines.len());
    let rows = StoredValue::new(
        receipt
            .lines
            .into_iter()
            .map(InspectRow::of)
            .collect::<Vec<_>>(),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        step.submit(&ev, Gr::InspectedToast, || {
            let lines = rows.with_value(|r| every_line(r, InspectRow::line))?;
            Ok(crate::api::inspect_receipt(id, &InspectReceipt { lines }))
        });
    };
    let blocks = row_views(rows, |i, row| {
        view! { <InspectLineFields row i errors sent/> }
    });
    let general = errors.general_with_lines(sent, INSPECT_PARTS, &[]);
    view! {
        <form class="panel form gr-form" on:submit=submit novalidate data-testid="inspect-form">
            <h2>{t(Gr::InspectTitle)}</h2>
            <p class="field__hint">{t(Gr::InspectHint)}</p>
            {blocks}
            <p class="form-error" role="alert" data-testid="form-error">{general}</p>
            <p><button class="btn" type="submit" data-testid="inspect-submit" disabled=move || pending.get()>
                {t(Gr::InspectSubmit)}
            </button></p>
        </form>
    }
}

/// One line's inspection: what to inspect, the defective units found, each
/// characteristic's result, a concession, where rejected units go, and the decision these
/// make.
#[component]
fn InspectLineFields(
    row: InspectRow,
    i: usize,
    errors: FormErrors,
    sent: SentRows,
) -> impl IntoView {
    let locale = use_locale();
    let line = row.line.clone();
    let (plan, size, sample) = (line.plan, row.inspected, line.sample);
    let (defective, concession, to) = (row.defective, row.concession, row.rejected_to);
    let defective_message = errors.for_line(sent, i, &["defective", "variant", ""]);
    let results_message = errors.for_line(sent, i, &["results"]);
    let results = row
        .results
        .iter()
        .cloned()
        .map(|r| view! { <ResultFields result=r/> })
        .collect_view();
    let has_results = !row.results.is_empty();
    view! {
        <fieldset class="gr-inspect" data-testid="inspect-line" data-variant=line.variant.0>
            <legend>
                <span class="mono">{line.sku.clone()}</span> " " {localized(line.name.clone())}
                " · " {t(Gr::Arrived)} " " <span data-testid="inspect-lot">{line.quantity}</span>
            </legend>
            <p class="muted">
                <span class="strong" data-testid="inspect-plan">{move || text::plan(locale.get(), plan)}</span>
                " · "
                <span data-testid="inspect-sample">{move || text::sample(locale.get(), plan, size, sample)}</span>
            </p>
            <LineField message=defective_message>
                <label class="field__label" for=format!("lines[{i}].defective")>{t(Gr::Defective)}</label>
                <input class="input input--small num" type="number" min="0" max=size inputmode="numeric"
                    id=format!("lines[{i}].defective") prop:value=move || defective.get()
                    on:input=move |ev| defective.set(event_target_value(&ev)) data-testid="inspect-defective"/>
            </LineField>
            {has_results.then(|| view! {
                <ul class="gr-results">{results}</ul>
                <LineError message=results_message/>
            })}
            <div class="row">
                <label class="role" title=move || Gr::ConcessionHint.text(locale.get())>
                    <input type="checkbox" prop:checked=move || concession.get()
                        on:change=move |_| concession.update(|c| *c = !*c) data-testid="inspect-concession"/>
                    <span>{t(Gr::ConcessionLabel)}</span>
                </label>
                <label class="filter">
                    <span class="filter__label">{t(Gr::RejectedTo)}</span>
                    <select class="input" data-testid="inspect-rejected-to"
                        on:change=move |ev| to.set(RejectTo::parse(&event_target_value(&ev)).unwrap_or(RejectTo::Supplier))>
                        {RejectTo::ALL.iter().copied().map(|r| view! {
                            <option value=r.as_str() selected=move || to.get_untracked() == r>
                                {move || text::reject_to(locale.get(), r)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Preview row/>
        </fieldset>
    }
}

/// A characteristic: passed or not, and a note.
#[component]
fn ResultFields(result: ResultRow) -> impl IntoView {
    let locale = use_locale();
    let (passed, note) = (result.passed, result.note);
    let name = result.characteristic;
    let attribute = name.clone();
    view! {
        <li class="gr-result-input row" data-testid="inspect-result" data-characteristic=attribute>
            <label class="role">
                <input type="checkbox" prop:checked=move || passed.get()
                    on:change=move |_| passed.update(|p| *p = !*p) data-testid="inspect-result-pass"/>
                <span>{name}</span> " "
                <span class="muted small">{t(Gr::Pass)}</span>
            </label>
            <input class="input input--small" maxlength=CHARACTERISTIC_MAX.to_string() autocomplete="off"
                placeholder=move || Gr::ResultNote.text(locale.get())
                aria-label=move || Gr::ResultNote.text(locale.get())
                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))
                data-testid="inspect-result-note"/>
        </li>
    }
}

/// The decision the line's inspection would make as typed, by the rule the server applies
/// (`shared::procurement::receiving::decide`).
#[component]
fn Preview(row: InspectRow) -> impl IntoView {
    let locale = use_locale();
    let (plan, lot, inspected) = (row.line.plan, row.line.quantity, row.inspected);
    let (defective, concession, to) = (row.defective, row.concession, row.rejected_to);
    let decision = Memo::new(move |_| {
        row.defective_in(&defective.get())
            .and_then(|d| decide(plan, lot, d, concession.get()))
    });
    let said = move || match decision.get() {
        Some((v, accepted, rejected)) => {
            text::decision(locale.get(), v, accepted, rejected, to.get())
        }
        None => text::defective_range(locale.get(), inspected),
    };
    let part =
        move |f: fn((Verdict, i64, i64)) -> String| decision.get().map(f).unwrap_or_default();
    view! {
        <p class="gr-preview" data-testid="inspect-preview"
            class:gr-preview--rejected=move || matches!(decision.get(), Some((Verdict::Rejected, _, _)))
            class:gr-preview--invalid=move || decision.get().is_none()
            data-verdict=move || part(|d| verdict_code(d.0).to_string())
            data-accepted=move || part(|d| d.1.to_string())
            data-rejected=move || part(|d| d.2.to_string())>
            {said}
        </p>
    }
}

// putting away ----------------------------------------------------------------------------

/// An accepted line as the put-away form holds it.
#[derive(Clone)]
struct BinRow {
    variant: VariantId,
    sku: String,
    name: Localized,
    accepted: i64,
    suggested: Option<String>,
    bin: RwSignal<String>,
}

impl BinRow {
    /// The line, when something of it passed.
    fn of(line: &ReceiptLineView) -> Option<Self> {
        let accepted = line.accepted.unwrap_or(0);
        (accepted > 0).then(|| BinRow {
            variant: line.variant,
            sku: line.sku.clone(),
            name: line.name.clone(),
            accepted,
            suggested: line.suggested_bin.clone(),
            bin: RwSignal::new(line.suggested_bin.clone().unwrap_or_default()),
        })
    }

    /// The row's bin as the request's line `i`, or the rule it breaks.
    fn line(&self, i: usize) -> Result<PutAwayLine, ApiError> {
        let bin = self.bin.get_untracked().trim().to_uppercase();
        let field = format!("lines[{i}].bin");
        if bin.is_empty() {
            return Err(crate::api::local_error("bin_missing", &field));
        }
        if bin.chars().count() > BIN_MAX {
            return Err(fault(ReceivingProblem::BinUnknown, field));
        }
        Ok(PutAwayLine {
            variant: self.variant,
            bin,
        })
    }
}

/// The fields of a line a refusal of the put-away names.
const PUT_AWAY_PARTS: &[&str] = &["bin", "variant"];

/// 上架: per line that passed, the bin it goes into (the suggested one to start with). A
/// receipt of which nothing passed is closed with nothing to put away.
#[component]
pub(super) fn PutAwayForm(receipt: ReceiptView, refresh: RwSignal<u32>) -> impl IntoView {
    let step = step_form(refresh);
    let (locale, errors, pending) = (step.locale, step.errors, step.pending);
    let id = receipt.id;
    let list: Vec<BinRow> = receipt.lines.iter().filter_map(BinRow::of).collect();
    let count = list.len();
    let sent = SentRows::All(count);
    let rows = StoredValue::new(list);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        step.submit(&ev, Gr::PutAwayToast, || {
            let lines = rows.with_value(|r| every_line(r, BinRow::line))?;
            Ok(crate::api::put_away_receipt(id, &PutAway { lines }))
        });
    };
    let body = row_views(rows, |i, row| {
        let bin = row.bin;
        let message = errors.for_line(sent, i, PUT_AWAY_PARTS);
        view! {
            <tr data-testid="putaway-line" data-variant=row.variant.0>
                <td class="mono">{row.sku.clone()}</td>
                <td>{localized(row.name.clone())}</td>
                <td class="num" data-testid="putaway-accepted">{row.accepted}</td>
                <td class="mono muted" data-testid="putaway-suggested">
                    {row.suggested.clone().unwrap_or_else(|| "—".into())}
                </td>
                <td>
                    <LineField message>
                        <input class="input input--small mono" maxlength=BIN_MAX.to_string() autocomplete="off"
                            placeholder="A-01-02-03" id=format!("lines[{i}].bin")
                            aria-label=move || Gr::Bin.text(locale.get())
                            prop:value=move || bin.get() on:input=move |ev| bin.set(event_target_value(&ev))
                            data-testid="putaway-bin"/>
                    </LineField>
                </td>
            </tr>
        }
    });
    let general = errors.general_with_lines(sent, PUT_AWAY_PARTS, &[]);
    let (table, button) = if count == 0 {
        (
            view! { <p class="muted" data-testid="putaway-nothing">{t(Gr::NothingToPutAway)}</p> }
                .into_any(),
            Gr::CloseReceipt,
        )
    } else {
        (
            view! {
                <div class="table-wrap"><table class="table">
                    <thead><tr>
                        <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Gr::Accepted)}</th>
                        <th>{t(Gr::Suggested)}</th><th>{t(Gr::Bin)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table></div>
            }
            .into_any(),
            Gr::PutAwaySubmit,
        )
    };
    view! {
        <form class="panel form gr-form" on:submit=submit novalidate data-testid="putaway-form">
            <h2>{t(Gr::PutAwayTitle)}</h2>
            <p class="field__hint">{t(Gr::PutAwayHint)}</p>
            {table}
            <p class="form-error" role="alert" data-testid="form-error">{general}</p>
            <p><button class="btn" type="submit" data-testid="putaway-submit" disabled=move || pending.get()>
                {t(button)}
            </button></p>
        </form>
    }
}
