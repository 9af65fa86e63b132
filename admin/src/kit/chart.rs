//! Charts the back office draws itself as SVG (no charting library): a line chart over days
//! (this period against the previous one) and horizontal bars (orders by status, the best
//! selling products). Both have labelled axes, show values on hover, are named for screen
//! readers and carry a visually hidden table of their figures; the caller formats the
//! numbers (money, counts) for the current locale.
//!
//! The drawings have a fixed design size in `viewBox` units and scale uniformly with the
//! width of their box, so the text keeps its proportions; below a minimum width the box
//! scrolls sideways instead of shrinking the text further (see `30-charts.css`).

use leptos::prelude::*;

/// One line of a [`LineChart`]: a value per x slot (index = day).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<f64>,
    /// Drawn dashed (e.g. the previous period).
    pub dashed: bool,
}

/// One bar of a [`BarChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// More about the bar (e.g. "12 sold"), shown on hover and in the hidden table.
    pub hint: Option<String>,
}

/// The line chart's design size, in viewBox units.
const LINE_WIDTH: f64 = 720.0;
const LINE_HEIGHT: f64 = 260.0;
/// The bar chart's design width (it sits in half-width cards); its height follows the bars.
const BAR_WIDTH: f64 = 400.0;
/// The height of a bar's row and the thickness of the bar.
const BAR_ROW: f64 = 30.0;
const BAR_THICKNESS: f64 = 18.0;
/// The labels' font size in viewBox units (the stylesheet sets the same).
const FONT: f64 = 12.0;
/// How many tick values the y axis has at most, and x labels at most.
const Y_TICKS: usize = 5;
const MAX_X_LABELS: usize = 8;

/// The plotting area inside a drawing, in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plot {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Plot {
    fn width(self) -> f64 {
        (self.right - self.left).max(0.0)
    }

    fn height(self) -> f64 {
        (self.bottom - self.top).max(0.0)
    }
}

/// Round tick values from 0 up to at least `max`: at most `count` values (at least two),
/// 0 and then steps of 1, 2, 2.5 or 5 times a power of ten. A `max` of 0 or less (or not a
/// number) gives 0 and 1. `nice_ticks(937.0, 5)` is 0, 250, 500, 750, 1000.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    let count = count.max(2);
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / (count - 1) as f64;
    let exponent = raw.log10().floor() as i32;
    let fraction = raw / 10f64.powi(exponent);
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|n| fraction <= n * (1.0 + 1e-9))
        .unwrap_or(10.0);
    // the i-th tick as i·nice scaled by the power of ten; dividing by an exact power of
    // ten for small steps keeps 0.3 from coming out as 0.30000000000000004
    let tick = |i: usize| {
        let units = i as f64 * nice;
        if exponent >= 0 {
            units * 10f64.powi(exponent)
        } else {
            units / 10f64.powi(-exponent)
        }
    };
    let step = tick(1);
    let steps = ((max / step) - 1e-9).ceil().max(1.0) as usize;
    (0..=steps).map(tick).collect()
}

/// Which of `count` x labels to show so that at most `max` are: every n-th from the first.
pub fn thin_labels(count: usize, max: usize) -> Vec<usize> {
    if count == 0 || max == 0 {
        return Vec::new();
    }
    (0..count).step_by(count.div_ceil(max)).collect()
}

/// The x of each of `slots` slots, spread over the plot's width (one slot: the middle).
#[allow(clippy::cast_precision_loss)]
fn x_positions(slots: usize, plot: Plot) -> Vec<f64> {
    match slots {
        0 => Vec::new(),
        1 => vec![plot.left + plot.width() / 2.0],
        n => (0..n)
            .map(|i| plot.left + plot.width() * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// The y of `value` on an axis from 0 (the plot's bottom) to `top_value` (its top); values
/// outside are kept on the plot.
fn y_position(value: f64, top_value: f64, plot: Plot) -> f64 {
    let share = if top_value > 0.0 && value.is_finite() {
        (value / top_value).clamp(0.0, 1.0)
    } else {
        0.0
    };
    plot.bottom - plot.height() * share
}

/// A coordinate as written into the SVG.
fn coord(v: f64) -> String {
    format!("{v:.1}")
}

/// The `points` of a polyline through `values`, one at each of `xs` (the shorter wins).
fn polyline_points(values: &[f64], xs: &[f64], top_value: f64, plot: Plot) -> String {
    values
        .iter()
        .zip(xs)
        .map(|(v, x)| format!("{},{}", coord(*x), coord(y_position(*v, top_value, plot))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How long the bar of `value` is when the bar of `max` is `full` long (a positive value
/// is never invisible).
fn bar_length(value: f64, max: f64, full: f64) -> f64 {
    if !value.is_finite() || !max.is_finite() || max <= 0.0 || value <= 0.0 {
        return 0.0;
    }
    ((value / max).min(1.0) * full).max(1.0)
}

/// Characters a whole em wide: CJK, Hangul and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
    )
}

fn char_em(c: char) -> f64 {
    if is_wide(c) {
        1.0
    } else {
        0.6
    }
}

/// Roughly how wide `text` is, in em (generous for Latin text, so it is never cut short).
fn text_em(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// `text` cut to about `max_em` wide, with "…" when it was cut.
fn clip_text(text: &str, max_em: f64) -> String {
    if text_em(text) <= max_em {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 1.0; // the ellipsis
    for c in text.chars() {
        width += char_em(c);
        if width > max_em {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Not-a-number and infinite values count as 0.
fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// A series placed on the line chart.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    name: String,
    values: Vec<f64>,
    points: String,
    dashed: bool,
}

/// Everything the line chart draws, computed from the data.
#[derive(Debug, Clone, PartialEq)]
struct LineLayout {
    plot: Plot,
    top_value: f64,
    /// The x of each slot.
    xs: Vec<f64>,
    /// The label of each slot.
    labels: Vec<String>,
    /// The y axis: each tick's y and text.
    y_ticks: Vec<(f64, String)>,
    /// The x labels shown: their x and text.
    x_labels: Vec<(f64, String)>,
    lines: Vec<Line>,
}

fn line_layout(
    series: &[Series],
    labels: &[String],
    format_tick: impl Fn(f64) -> String,
) -> LineLayout {
    let slots = series.iter().map(|s| s.points.len()).max().unwrap_or(0);
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .map(finite)
        .fold(0.0, f64::max);
    let ticks = nice_ticks(max, Y_TICKS);
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let tick_texts: Vec<String> = ticks.iter().map(|t| format_tick(*t)).collect();
    // room on the left for the widest tick label
    let widest = tick_texts.iter().map(|t| text_em(t)).fold(0.0, f64::max);
    let plot = Plot {
        left: (widest * FONT + 14.0).clamp(36.0, LINE_WIDTH / 3.0),
        top: 14.0,
        right: LINE_WIDTH - 24.0,
        bottom: LINE_HEIGHT - 34.0,
    };
    let xs = x_positions(slots, plot);
    let labels: Vec<String> = (0..slots)
        .map(|i| labels.get(i).cloned().unwrap_or_default())
        .collect();
    let y_ticks = ticks
        .iter()
        .zip(tick_texts)
        .map(|(t, text)| (y_position(*t, top_value, plot), text))
        .collect();
    let x_labels = thin_labels(slots, MAX_X_LABELS)
        .into_iter()
        .filter_map(|i| Some((*xs.get(i)?, labels.get(i)?.clone())))
        .collect();
    let lines = series
        .iter()
        .map(|s| {
            let values: Vec<f64> = s.points.iter().copied().map(finite).collect();
            Line {
                name: s.name.clone(),
                points: polyline_points(&values, &xs, top_value, plot),
                values,
                dashed: s.dashed,
            }
        })
        .collect();
    LineLayout {
        plot,
        top_value,
        xs,
        labels,
        y_ticks,
        x_labels,
        lines,
    }
}

/// The first series is drawn in the accent colour, the others in grey.
fn line_class(index: usize, dashed: bool) -> &'static str {
    match (index == 0, dashed) {
        (true, false) => "chart__line",
        (true, true) => "chart__line chart__line--dashed",
        (false, false) => "chart__line chart__line--other",
        (false, true) => "chart__line chart__line--other chart__line--dashed",
    }
}

fn swatch_class(index: usize, dashed: bool) -> &'static str {
    match (index == 0, dashed) {
        (true, false) => "chart__swatch",
        (true, true) => "chart__swatch chart__swatch--dashed",
        (false, false) => "chart__swatch chart__swatch--other",
        (false, true) => "chart__swatch chart__swatch--other chart__swatch--dashed",
    }
}

fn dot_class(index: usize) -> &'static str {
    if index == 0 {
        "chart__dot"
    } else {
        "chart__dot chart__dot--other"
    }
}

/// A line chart over x slots (days): the first series solid in the accent colour, the
/// others grey (dashed when they say so), a y axis of round values, at most eight x labels.
/// Hovering a slot — or focusing the chart and moving with ←/→ (Home, End) — shows a guide
/// line and the slot's values. Screen readers get `title` as the name and a hidden table.
#[component]
pub fn LineChart(
    /// The lines, a value per slot (e.g. this period and the previous one).
    #[prop(into)]
    series: Signal<Vec<Series>>,
    /// The label of each slot (e.g. "12/01").
    #[prop(into)]
    labels: Signal<Vec<String>>,
    /// Formats a value (e.g. money) for the tooltip and the table.
    format_value: Callback<f64, String>,
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Shown instead of the chart when there are no points.
    #[prop(into)]
    empty: Signal<&'static str>,
    /// Formats the y axis's ticks (e.g. money without cents); `format_value` when absent.
    #[prop(optional)]
    format_tick: Option<Callback<f64, String>>,
    /// The header of the hidden table's first column (e.g. "Date").
    #[prop(optional, into)]
    x_name: Signal<&'static str>,
) -> impl IntoView {
    let format_tick = format_tick.unwrap_or(format_value);
    let layout = Memo::new(move |_| {
        series.with(|s| labels.with(|l| line_layout(s, l, |v| format_tick.run(v))))
    });
    let hovered = RwSignal::new(None::<usize>);
    // the last move was made with the keyboard: say the values (a live region)
    let keyed = RwSignal::new(false);
    let current = move || {
        let n = layout.with(|l| l.xs.len());
        hovered.get().filter(|i| *i < n)
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = layout.with_untracked(|l| l.xs.len());
        if n == 0 {
            return;
        }
        let at = hovered.get_untracked().filter(|i| *i < n);
        let next = match ev.key().as_str() {
            "ArrowRight" => at.map_or(0, |i| (i + 1).min(n - 1)),
            "ArrowLeft" => at.map_or(n - 1, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                hovered.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        keyed.set(true);
        hovered.set(Some(next));
    };
    let on_focus = move |_: leptos::ev::FocusEvent| {
        let n = layout.with_untracked(|l| l.xs.len());
        if n > 0 && hovered.get_untracked().is_none() {
            keyed.set(true);
            hovered.set(Some(n - 1));
        }
    };

    // the guide line and a dot on each line at the hovered slot
    let guide = move || {
        let i = current()?;
        layout.with(|l| {
            let x = *l.xs.get(i)?;
            let (plot, top_value) = (l.plot, l.top_value);
            let dots = l
                .lines
                .iter()
                .enumerate()
                .filter_map(|(k, line)| {
                    let cy = coord(y_position(*line.values.get(i)?, top_value, plot));
                    Some(view! { <circle class=dot_class(k) cx=coord(x) cy=cy r="4"/> })
                })
                .collect_view();
            let (x1, y1, y2) = (coord(x), coord(plot.top), coord(plot.bottom));
            Some(view! {
                <g class="chart__hover">
                    <line class="chart__guide" x1=x1.clone() x2=x1.clone() y1=y1 y2=y2/>
                    {dots}
                </g>
            })
        })
    };

    // the hovered slot's label and values, beside the guide line (on its left in the right
    // half, so it never leaves the box)
    let tip = move || {
        let i = current()?;
        layout.with(|l| {
            let x = *l.xs.get(i)?;
            let flip = x > LINE_WIDTH * 0.55;
            let style = format!("left:{:.2}%", x / LINE_WIDTH * 100.0);
            let label = l.labels.get(i).cloned().unwrap_or_default();
            let rows = l
                .lines
                .iter()
                .enumerate()
                .map(|(k, line)| {
                    let value = line
                        .values
                        .get(i)
                        .map_or_else(|| "—".to_string(), |v| format_value.run(*v));
                    view! {
                        <li>
                            <span class=swatch_class(k, line.dashed)></span>
                            <span class="chart__tip-name">{line.name.clone()}</span>
                            <strong>{value}</strong>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="chart__tip" class:chart__tip--flip=flip style=style
                    aria-hidden="true" data-testid="chart-tip">
                    <p class="chart__tip-label">{label}</p>
                    <ul>{rows}</ul>
                </div>
            })
        })
    };

    // what a screen reader says after a move with the keyboard
    let announce = move || {
        if !keyed.get() {
            return String::new();
        }
        let Some(i) = current() else {
            return String::new();
        };
        layout.with(|l| {
            let values = l
                .lines
                .iter()
                .filter_map(|line| {
                    let v = line.values.get(i)?;
                    Some(format!("{} {}", line.name, format_value.run(*v)))
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "{}: {values}",
                l.labels.get(i).map(String::as_str).unwrap_or_default()
            )
        })
    };

    move || {
        let l = layout.get();
        if l.xs.is_empty() {
            return view! { <p class="chart__empty" data-testid="chart-empty">{empty}</p> }
                .into_any();
        }
        let plot = l.plot;
        let (left, right) = (coord(plot.left), coord(plot.right));
        let grid = l
            .y_ticks
            .iter()
            .map(|(y, text)| {
                let y = coord(*y);
                let label_x = coord(plot.left - 8.0);
                view! {
                    <line class="chart__grid" x1=left.clone() x2=right.clone() y1=y.clone() y2=y.clone()/>
                    <text class="chart__ylabel" x=label_x y=y.clone() dy="0.32em" text-anchor="end">{text.clone()}</text>
                }
            })
            .collect_view();
        let label_y = coord(plot.bottom + 20.0);
        let x_labels = l
            .x_labels
            .iter()
            .map(|(x, text)| {
                view! {
                    <text class="chart__xlabel" x=coord(*x) y=label_y.clone() text-anchor="middle">{text.clone()}</text>
                }
            })
            .collect_view();
        let lines = l
            .lines
            .iter()
            .enumerate()
            .map(|(k, line)| {
                view! { <polyline class=line_class(k, line.dashed) points=line.points.clone()/> }
            })
            .collect_view();
        // a lone slot makes no line: a dot per series instead
        let lone = if l.xs.len() == 1 {
            l.lines
                .iter()
                .enumerate()
                .filter_map(|(k, line)| {
                    let x = *l.xs.first()?;
                    let y = y_position(*line.values.first()?, l.top_value, plot);
                    Some(view! { <circle class=dot_class(k) cx=coord(x) cy=coord(y) r="4"/> })
                })
                .collect::<Vec<_>>()
        } else {
            Vec::new()
        };
        // an invisible strip per slot catches the pointer
        #[allow(clippy::cast_precision_loss)]
        let half = if l.xs.len() > 1 {
            plot.width() / (l.xs.len() - 1) as f64 / 2.0
        } else {
            plot.width() / 2.0
        };
        let hit_y = coord(plot.top);
        let hit_height = coord(plot.height() + 24.0);
        let hits =
            l.xs.iter()
                .enumerate()
                .map(|(i, x)| {
                    let x0 = (x - half).max(0.0);
                    let x1 = (x + half).min(LINE_WIDTH);
                    view! {
                        <rect class="chart__hit" x=coord(x0) y=hit_y.clone() width=coord(x1 - x0)
                            height=hit_height.clone()
                            on:mouseenter=move |_| {
                                keyed.set(false);
                                hovered.set(Some(i));
                            }/>
                    }
                })
                .collect_view();
        let legend = (l.lines.len() > 1).then(|| {
            l.lines
                .iter()
                .enumerate()
                .map(|(k, line)| {
                    view! {
                        <li><span class=swatch_class(k, line.dashed)></span>{line.name.clone()}</li>
                    }
                })
                .collect_view()
        });
        let legend =
            legend.map(|items| view! { <ul class="chart__legend" aria-hidden="true">{items}</ul> });
        let head = l
            .lines
            .iter()
            .map(|line| view! { <th scope="col">{line.name.clone()}</th> })
            .collect_view();
        let rows = l
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let cells = l
                    .lines
                    .iter()
                    .map(|line| {
                        let value = line
                            .values
                            .get(i)
                            .map_or_else(|| "—".to_string(), |v| format_value.run(*v));
                        view! { <td>{value}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{label.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let (axis_y, axis_left, axis_right) =
            (coord(plot.bottom), coord(plot.left), coord(plot.right));
        view! {
            <div class="chart chart--line" data-testid="line-chart">
                {legend}
                <div class="chart__box">
                    <svg class="chart__svg" viewBox=format!("0 0 {LINE_WIDTH} {LINE_HEIGHT}")
                        role="img" aria-label=move || title.get() tabindex="0"
                        on:keydown=on_key on:focus=on_focus on:blur=move |_| hovered.set(None)
                        on:mouseleave=move |_| hovered.set(None)>
                        <g class="chart__axes">
                            {grid}
                            <line class="chart__axis" x1=axis_left x2=axis_right y1=axis_y.clone() y2=axis_y.clone()/>
                            {x_labels}
                        </g>
                        <g class="chart__lines">{lines}{lone}</g>
                        {guide}
                        <g class="chart__hits">{hits}</g>
                    </svg>
                    {tip}
                </div>
                <p class="sr-only" aria-live="polite">{announce}</p>
                <table class="sr-only">
                    <caption>{move || title.get()}</caption>
                    <thead><tr><th scope="col">{x_name}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// A bar placed on the bar chart.
#[derive(Debug, Clone, PartialEq)]
struct BarRowLayout {
    /// The top of the bar's row.
    y: f64,
    /// The label as drawn (cut when too long) and in full.
    shown: String,
    label: String,
    length: f64,
    value: String,
    hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct BarLayout {
    height: f64,
    /// Where the bars start (the labels' column is left of it).
    bars_left: f64,
    rows: Vec<BarRowLayout>,
}

fn bar_layout(bars: &[Bar], format_value: impl Fn(f64) -> String) -> BarLayout {
    let top = 6.0;
    let values: Vec<String> = bars.iter().map(|b| format_value(b.value)).collect();
    // the labels' column: as wide as the widest label, at most 40 % of the width
    let widest_label = bars.iter().map(|b| text_em(&b.label)).fold(0.0, f64::max);
    let bars_left = (widest_label * FONT + 12.0).clamp(48.0, BAR_WIDTH * 0.4);
    let label_em = (bars_left - 12.0) / FONT;
    // room right of the longest bar for its value
    let widest_value = values.iter().map(|v| text_em(v)).fold(0.0, f64::max);
    let value_room = (widest_value * FONT + 10.0).clamp(30.0, BAR_WIDTH * 0.3);
    let full = (BAR_WIDTH - bars_left - value_room).max(0.0);
    let max = bars.iter().map(|b| finite(b.value)).fold(0.0, f64::max);
    let mut y = top;
    let mut rows = Vec::with_capacity(bars.len());
    for (bar, value) in bars.iter().zip(values) {
        rows.push(BarRowLayout {
            y,
            shown: clip_text(&bar.label, label_em),
            label: bar.label.clone(),
            length: bar_length(bar.value, max, full),
            value,
            hint: bar.hint.clone(),
        });
        y += BAR_ROW;
    }
    BarLayout {
        height: y + top,
        bars_left,
        rows,
    }
}

/// Horizontal bars: the label on the left, the bar as long as its share of the largest,
/// the formatted value at its end. Hovering a bar shows its label, value and hint; screen
/// readers get `title` as the name and a hidden table.
#[component]
pub fn BarChart(
    #[prop(into)] bars: Signal<Vec<Bar>>,
    /// Formats a value (money, a count).
    format_value: Callback<f64, String>,
    /// The chart's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Shown instead of the chart when there are no bars.
    #[prop(into)]
    empty: Signal<&'static str>,
) -> impl IntoView {
    let layout = Memo::new(move |_| bars.with(|b| bar_layout(b, |v| format_value.run(v))));
    move || {
        let l = layout.get();
        if l.rows.is_empty() {
            return view! { <p class="chart__empty" data-testid="chart-empty">{empty}</p> }
                .into_any();
        }
        let bars_left = l.bars_left;
        let groups = l
            .rows
            .iter()
            .map(|row| {
                let middle = row.y + BAR_ROW / 2.0;
                let tip = match &row.hint {
                    Some(hint) => format!("{}: {} · {hint}", row.label, row.value),
                    None => format!("{}: {}", row.label, row.value),
                };
                let text_y = coord(middle);
                view! {
                    <g class="chart__bar">
                        <title>{tip}</title>
                        <rect class="chart__row" x="0" y=coord(row.y) width=coord(BAR_WIDTH) height=coord(BAR_ROW)/>
                        <text class="chart__blabel" x="0" y=text_y.clone() dy="0.32em">{row.shown.clone()}</text>
                        <rect class="chart__fill" x=coord(bars_left) y=coord(middle - BAR_THICKNESS / 2.0)
                            width=coord(row.length) height=coord(BAR_THICKNESS) rx="3"/>
                        <text class="chart__bvalue" x=coord(bars_left + row.length + 6.0) y=text_y.clone() dy="0.32em">
                            {row.value.clone()}
                        </text>
                    </g>
                }
            })
            .collect_view();
        let rows = l
            .rows
            .iter()
            .map(|row| {
                let value = match &row.hint {
                    Some(hint) => format!("{} · {hint}", row.value),
                    None => row.value.clone(),
                };
                view! { <tr><th scope="row">{row.label.clone()}</th><td>{value}</td></tr> }
            })
            .collect_view();
        view! {
            <div class="chart chart--bars" data-testid="bar-chart">
                <div class="chart__box chart__box--bars">
                    <svg class="chart__svg" viewBox=format!("0 0 {BAR_WIDTH} {}", coord(l.height))
                        role="img" aria-label=move || title.get()>
                        {groups}
                    </svg>
                </div>
                <table class="sr-only">
                    <caption>{move || title.get()}</caption>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLOT: Plot = Plot {
        left: 10.0,
        top: 0.0,
        right: 110.0,
        bottom: 100.0,
    };

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(937.0, 5), vec![0.0, 250.0, 500.0, 750.0, 1000.0]);
        assert_eq!(
            nice_ticks(1000.0, 5),
            vec![0.0, 250.0, 500.0, 750.0, 1000.0]
        );
        assert_eq!(nice_ticks(100.0, 5), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(
            nice_ticks(12_345.0, 5),
            vec![0.0, 5000.0, 10_000.0, 15_000.0]
        );
        assert_eq!(nice_ticks(7.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(nice_ticks(1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(nice_ticks(0.3, 4), vec![0.0, 0.1, 0.2, 0.3]);
    }

    #[test]
    fn ticks_without_data() {
        assert_eq!(nice_ticks(0.0, 5), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(-3.0, 5), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 5), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::INFINITY, 5), vec![0.0, 1.0]);
    }

    #[test]
    fn ticks_cover_the_maximum_within_the_count() {
        for count in 2..=8 {
            for k in 1..2000 {
                let max = f64::from(k) * 7.3;
                let ticks = nice_ticks(max, count);
                assert!(ticks.len() >= 2, "{max} {count}: {ticks:?}");
                assert!(ticks.len() <= count + 1, "{max} {count}: {ticks:?}");
                assert!(
                    *ticks.last().unwrap() >= max * (1.0 - 1e-9),
                    "{max}: {ticks:?}"
                );
                assert_eq!(ticks[0], 0.0);
                assert!(ticks.windows(2).all(|w| w[1] > w[0]));
            }
        }
    }

    #[test]
    fn labels_are_thinned_to_at_most_the_limit() {
        assert_eq!(thin_labels(0, 8), Vec::<usize>::new());
        assert_eq!(thin_labels(5, 8), vec![0, 1, 2, 3, 4]);
        assert_eq!(thin_labels(8, 8), (0..8).collect::<Vec<_>>());
        assert_eq!(thin_labels(30, 8), vec![0, 4, 8, 12, 16, 20, 24, 28]);
        assert_eq!(thin_labels(9, 8), vec![0, 2, 4, 6, 8]);
        for count in 0..200 {
            assert!(thin_labels(count, 8).len() <= 8);
            assert_eq!(thin_labels(count, 8).first().is_some(), count > 0);
        }
    }

    #[test]
    fn slots_spread_over_the_width() {
        assert_eq!(x_positions(0, PLOT), Vec::<f64>::new());
        assert_eq!(x_positions(1, PLOT), vec![60.0]);
        assert_eq!(x_positions(3, PLOT), vec![10.0, 60.0, 110.0]);
    }

    #[test]
    fn values_map_onto_the_plot() {
        assert_eq!(y_position(0.0, 100.0, PLOT), 100.0);
        assert_eq!(y_position(100.0, 100.0, PLOT), 0.0);
        assert_eq!(y_position(25.0, 100.0, PLOT), 75.0);
        assert_eq!(y_position(-5.0, 100.0, PLOT), 100.0);
        assert_eq!(y_position(500.0, 100.0, PLOT), 0.0);
        assert_eq!(y_position(f64::NAN, 100.0, PLOT), 100.0);
        assert_eq!(y_position(5.0, 0.0, PLOT), 100.0);
    }

    #[test]
    fn polyline_through_the_points() {
        let xs = x_positions(3, PLOT);
        assert_eq!(
            polyline_points(&[0.0, 50.0, 100.0], &xs, 100.0, PLOT),
            "10.0,100.0 60.0,50.0 110.0,0.0"
        );
        // a shorter series stops early
        assert_eq!(polyline_points(&[20.0], &xs, 100.0, PLOT), "10.0,80.0");
        assert_eq!(polyline_points(&[], &xs, 100.0, PLOT), "");
    }

    #[test]
    fn bars_are_proportional() {
        assert_eq!(bar_length(50.0, 100.0, 200.0), 100.0);
        assert_eq!(bar_length(100.0, 100.0, 200.0), 200.0);
        assert_eq!(bar_length(0.0, 100.0, 200.0), 0.0);
        assert_eq!(bar_length(-1.0, 100.0, 200.0), 0.0);
        assert_eq!(bar_length(5.0, 0.0, 200.0), 0.0);
        assert_eq!(bar_length(f64::NAN, 100.0, 200.0), 0.0);
        // tiny but positive stays visible
        assert_eq!(bar_length(0.001, 100.0, 200.0), 1.0);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(clip_text("Tee", 10.0), "Tee");
        let cut = clip_text("A very long product name indeed", 10.0);
        assert!(cut.ends_with('…'));
        assert!(text_em(&cut) <= 10.0 + 1e-9);
        let cut = clip_text("纯棉短袖圆领T恤男款夏季新品", 6.0);
        assert_eq!(cut, "纯棉短袖圆…");
        assert!((text_em("中a") - 1.6).abs() < 1e-9);
    }

    #[test]
    fn line_layout_places_everything() {
        let series = vec![
            Series {
                name: "this".into(),
                points: (0..30).map(f64::from).collect(),
                dashed: false,
            },
            Series {
                name: "previous".into(),
                points: vec![5.0; 20],
                dashed: true,
            },
        ];
        let labels: Vec<String> = (1..=30).map(|d| format!("12/{d:02}")).collect();
        let l = line_layout(&series, &labels, |v| format!("¥{v}"));
        assert_eq!(l.xs.len(), 30);
        assert_eq!(l.labels.len(), 30);
        assert_eq!(l.top_value, 30.0);
        assert_eq!(l.y_ticks.len(), 4); // 0, 10, 20, 30
        assert_eq!(l.y_ticks[0].1, "¥0");
        assert_eq!(l.y_ticks[0].0, l.plot.bottom);
        assert_eq!(l.y_ticks[3].0, l.plot.top);
        assert!(l.x_labels.len() <= MAX_X_LABELS);
        assert_eq!(l.x_labels[0].1, "12/01");
        assert_eq!(l.lines.len(), 2);
        assert_eq!(l.lines[1].points.split(' ').count(), 20);
        assert!(l.plot.left >= 36.0 && l.plot.right <= LINE_WIDTH);
    }

    #[test]
    fn line_layout_without_points_is_empty() {
        let l = line_layout(&[], &["12/01".to_string()], |v| v.to_string());
        assert!(l.xs.is_empty());
        assert!(l.x_labels.is_empty());
        let series = [Series {
            name: "x".into(),
            points: vec![],
            dashed: false,
        }];
        assert!(line_layout(&series, &[], |v| v.to_string()).xs.is_empty());
    }

    #[test]
    fn bar_layout_fits_the_width() {
        let bars: Vec<Bar> = (1..=10)
            .map(|i| Bar {
                label: format!("Product number {i} with a long name"),
                value: f64::from(i) * 1000.0,
                hint: None,
            })
            .collect();
        let l = bar_layout(&bars, |v| format!("¥{v:.2}"));
        assert_eq!(l.rows.len(), 10);
        assert_eq!(l.height, 6.0 + 10.0 * BAR_ROW + 6.0);
        let longest = l.rows.iter().map(|r| r.length).fold(0.0, f64::max);
        assert_eq!(longest, l.rows[9].length);
        assert!(l.bars_left + longest + 6.0 + text_em(&l.rows[9].value) * FONT <= BAR_WIDTH);
        assert!(l.bars_left <= BAR_WIDTH * 0.4);
        assert!(l.rows[0].shown.ends_with('…'));
        assert_eq!(l.rows[0].label, bars[0].label);
        assert!((l.rows[4].length * 2.0 - longest).abs() < 1e-9);
    }
}
