//! The consultation pages' strings (咨询、服务时限、满意度): the service desk's terms, the
//! durations of the service-level clocks, and the problems the server names.

use shared::service::consultations::{Author, ConsultationStatus, SlaView, Topic};
use shared::{ApiError, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum C {
    Consultation,
    Number,
    Subject,
    Topic,
    Customer,
    Assignee,
    Status,
    Asked,
    ServiceLevel,
    AnyAssignee,
    Mine,
    Unassigned,
    OnlyBreached,
    Unread,
    Met,
    Breached,
    Csat,
    CsatHint,
    Week,
    Staff,
    Ratings,
    Average,
    Satisfied,
    NoRatings,
    ServiceLevels,
    ServiceLevelsHint,
    FirstResponse,
    Resolution,
    FirstResponseMinutes,
    ResolutionMinutes,
    MinutesHint,
    ServiceLevelsSaved,
    Product,
    Order,
    Details,
    Thread,
    Reply,
    ReplyHint,
    Send,
    Sent,
    ClosedNoReply,
    AssignToMe,
    Assigned,
    Unassign,
    UnassignedDone,
    Resolve,
    Resolved,
    Close,
    Closed,
    Due,
    Done,
    NotYet,
    TimeLeft,
    Rating,
    NoRating,
    You,
}

impl Translate for C {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            C::Consultation => ("咨询", "Question"),
            C::Number => ("编号", "No."),
            C::Subject => ("主题", "Subject"),
            C::Topic => ("咨询类型", "Topic"),
            C::Customer => ("客户", "Customer"),
            C::Assignee => ("负责客服", "Assignee"),
            C::Status => ("状态", "Status"),
            C::Asked => ("提交时间", "Asked"),
            C::ServiceLevel => ("服务时限", "Service level"),
            C::AnyAssignee => ("全部客服", "Anyone's"),
            C::Mine => ("我负责的", "Mine"),
            C::Unassigned => ("未分配", "Unassigned"),
            C::OnlyBreached => ("仅看超时", "Only breached"),
            C::Unread => ("客户有新消息", "New words from the customer"),
            C::Met => ("已达标", "Met"),
            C::Breached => ("超时", "Breached"),
            C::Csat => ("客户满意度（CSAT）", "Customer satisfaction (CSAT)"),
            C::CsatHint => (
                "最近 12 周，按客服与周统计；4–5 星计为满意。",
                "The last 12 weeks, per staff member and week; 4 or 5 stars count as satisfied.",
            ),
            C::Week => ("周", "Week"),
            C::Staff => ("客服", "Staff member"),
            C::Ratings => ("评价数", "Ratings"),
            C::Average => ("平均星级", "Average stars"),
            C::Satisfied => ("满意率", "Satisfied"),
            C::NoRatings => ("最近还没有客户评价。", "No ratings lately."),
            C::ServiceLevels => ("服务时限", "Service levels"),
            C::ServiceLevelsHint => (
                "从客户提交咨询时起计算。",
                "Counted from when the customer asked.",
            ),
            C::FirstResponse => ("首次响应", "First response"),
            C::Resolution => ("解决时限", "Resolution"),
            C::FirstResponseMinutes => ("首次响应时限（分钟）", "First response within (minutes)"),
            C::ResolutionMinutes => ("解决时限（分钟）", "Resolution within (minutes)"),
            C::MinutesHint => (
                "1 分钟至 30 天（43200 分钟），首次响应不长于解决时限；仅店主可修改。",
                "1 minute to 30 days (43,200 minutes), the first response no longer than the resolution; only owners change them.",
            ),
            C::ServiceLevelsSaved => ("服务时限已保存", "Service levels saved"),
            C::Product => ("咨询商品", "Product"),
            C::Order => ("订单", "Order"),
            C::Details => ("咨询信息", "About the question"),
            C::Thread => ("沟通记录", "Conversation"),
            C::Reply => ("回复客户", "Answer the customer"),
            C::ReplyHint => (
                "客户会收到消息通知；1–4000 个字符。",
                "The customer is told by message; 1 to 4,000 characters.",
            ),
            C::Send => ("发送回复", "Send answer"),
            C::Sent => ("回复已发送", "Answer sent"),
            C::ClosedNoReply => (
                "咨询已关闭，不能再回复。",
                "This question is closed: it takes no more answers.",
            ),
            C::AssignToMe => ("分配给我", "Assign to me"),
            C::Assigned => ("已分配给你", "Assigned to you"),
            C::Unassign => ("取消分配", "Unassign"),
            C::UnassignedDone => ("已取消分配", "Unassigned"),
            C::Resolve => ("标记为已解决", "Resolve"),
            C::Resolved => ("咨询已解决", "Question resolved"),
            C::Close => ("关闭咨询", "Close"),
            C::Closed => ("咨询已关闭", "Question closed"),
            C::Due => ("截止", "Due"),
            C::Done => ("完成于", "Done"),
            C::NotYet => ("尚未完成", "Not yet"),
            C::TimeLeft => ("剩余时间", "Time left"),
            C::Rating => ("客户评价", "Customer's rating"),
            C::NoRating => ("客户尚未评价。", "Not rated yet."),
            C::You => ("（我）", " (you)"),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: ConsultationStatus) -> &'static str {
    let (zh, en) = match s {
        ConsultationStatus::Open => ("待处理", "Open"),
        ConsultationStatus::WaitingOnCustomer => ("待客户回复", "Waiting on customer"),
        ConsultationStatus::Resolved => ("已解决", "Resolved"),
        ConsultationStatus::Closed => ("已关闭", "Closed"),
    };
    locale.pick(zh, en)
}

pub fn topic(locale: Locale, t: Topic) -> &'static str {
    let (zh, en) = match t {
        Topic::PreSale => ("售前咨询", "Before buying"),
        Topic::Order => ("订单咨询", "About an order"),
        Topic::Other => ("其他", "Other"),
    };
    locale.pick(zh, en)
}

pub fn author(locale: Locale, a: Author) -> &'static str {
    let (zh, en) = match a {
        Author::Customer => ("客户", "Customer"),
        Author::Staff => ("客服", "Staff"),
    };
    locale.pick(zh, en)
}

/// A length of time, its sign left out: "35 分" / "35 min", "2 小时 5 分" / "2 h 5 min",
/// and from 48 hours on in days and hours, "3 天 4 小时" / "3 d 4 h". Whole minutes,
/// rounded down (a clock never shows more time than it has).
pub fn duration(locale: Locale, millis: i64) -> String {
    let minutes = millis.unsigned_abs() / 60_000;
    let hours = minutes / 60;
    let (days, hour, minute) = (hours / 24, hours % 24, minutes % 60);
    match locale {
        Locale::ZhCn => {
            if minutes == 0 {
                "不到 1 分".to_string()
            } else if hours >= 48 {
                if hour == 0 {
                    format!("{days} 天")
                } else {
                    format!("{days} 天 {hour} 小时")
                }
            } else if hours >= 1 {
                if minute == 0 {
                    format!("{hours} 小时")
                } else {
                    format!("{hours} 小时 {minute} 分")
                }
            } else {
                format!("{minute} 分")
            }
        }
        Locale::En => {
            if minutes == 0 {
                "under 1 min".to_string()
            } else if hours >= 48 {
                if hour == 0 {
                    format!("{days} d")
                } else {
                    format!("{days} d {hour} h")
                }
            } else if hours >= 1 {
                if minute == 0 {
                    format!("{hours} h")
                } else {
                    format!("{hours} h {minute} min")
                }
            } else {
                format!("{minute} min")
            }
        }
    }
}

/// The time on a running clock: "剩余 2 小时 5 分" / "2 h 5 min left", or when late
/// "超时 35 分" / "35 min overdue".
pub fn left(locale: Locale, millis: i64) -> String {
    let d = duration(locale, millis);
    match (locale, millis >= 0) {
        (Locale::ZhCn, true) => format!("剩余 {d}"),
        (Locale::ZhCn, false) => format!("超时 {d}"),
        (Locale::En, true) => format!("{d} left"),
        (Locale::En, false) => format!("{d} overdue"),
    }
}

/// A consultation's service level in a word: the time on its running clock, or once both
/// stopped whether they were met.
pub fn sla(locale: Locale, s: &SlaView) -> String {
    match s.left_millis {
        Some(millis) => left(locale, millis),
        None if s.breached => C::Breached.text(locale).to_string(),
        None => C::Met.text(locale).to_string(),
    }
}

/// The colour of [`sla`]: red when late (or stopped late), amber while running after an
/// earlier clock was late, green when met.
pub fn sla_class(s: &SlaView) -> &'static str {
    match s.left_millis {
        Some(millis) if millis < 0 => "sla sla--late",
        Some(_) if s.breached => "sla sla--warn",
        Some(_) => "sla",
        None if s.breached => "sla sla--late",
        None => "sla sla--met",
    }
}

/// "4.5" from 45 tenths of a star.
pub fn tenths(n: u32) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// "★★★★☆" for 4 stars of 5.
pub fn star_line(rating: u8) -> String {
    let r = usize::from(rating.min(5));
    format!("{}{}", "★".repeat(r), "☆".repeat(5 - r))
}

/// The badge's name: "3 条咨询有新消息" / "3 questions with unread words".
pub fn unread_count(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("{n} 条咨询有新消息"),
        Locale::En => format!("{n} questions with unread words"),
    }
}

/// The consultation problems the server names (and the page finds before sending).
fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "body" => (
            "请填写回复内容（1–4000 个字符）。",
            "Write an answer of 1 to 4,000 characters.",
        ),
        "closed" => (
            "该咨询已关闭，不能再回复。",
            "This question is closed: it takes no more answers.",
        ),
        "assignee" => (
            "只能分配给在职的员工。",
            "Assign it to an active staff member.",
        ),
        "illegal_transition" => (
            "咨询当前的状态不允许这一步，请刷新后重试。",
            "This step is not possible in the question's current status; reload and try again.",
        ),
        "first_response_time" => (
            "首次响应时限须为 1 分钟起，且不长于解决时限。",
            "The first response time is at least 1 minute and no longer than the resolution time.",
        ),
        "resolution_time" => (
            "解决时限须在 1 分钟到 30 天（43200 分钟）之间。",
            "The resolution time is 1 minute to 30 days (43,200 minutes).",
        ),
        _ => return None,
    })
}

/// What a staff member reads when the server refused something about a consultation.
pub fn error(locale: Locale, e: &ApiError) -> String {
    match e.problem.as_deref().and_then(problem) {
        Some((zh, en)) => locale.pick(zh, en).to_string(),
        None => crate::text::error(locale, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;
    const HOUR: i64 = 60 * MIN;

    #[test]
    fn durations_in_minutes_hours_and_days() {
        let both = |ms: i64| {
            format!(
                "{} | {}",
                duration(Locale::ZhCn, ms),
                duration(Locale::En, ms)
            )
        };
        assert_eq!(both(2 * HOUR + 5 * MIN), "2 小时 5 分 | 2 h 5 min");
        assert_eq!(both(-35 * MIN), "35 分 | 35 min");
        assert_eq!(both(35 * MIN + 59_999), "35 分 | 35 min");
        assert_eq!(both(3 * HOUR), "3 小时 | 3 h");
        assert_eq!(both(47 * HOUR + 59 * MIN), "47 小时 59 分 | 47 h 59 min");
        assert_eq!(both(48 * HOUR), "2 天 | 2 d");
        assert_eq!(both(-(76 * HOUR + 30 * MIN)), "3 天 4 小时 | 3 d 4 h");
        assert_eq!(both(59_999), "不到 1 分 | under 1 min");
    }

    #[test]
    fn clocks_say_time_left_or_overdue() {
        assert_eq!(left(Locale::ZhCn, 2 * HOUR + 5 * MIN), "剩余 2 小时 5 分");
        assert_eq!(left(Locale::En, 2 * HOUR + 5 * MIN), "2 h 5 min left");
        assert_eq!(left(Locale::ZhCn, -35 * MIN), "超时 35 分");
        assert_eq!(left(Locale::En, -35 * MIN), "35 min overdue");
        let stopped = |breached| SlaView {
            first_response_due_at: 0,
            first_response_at: Some(0),
            resolution_due_at: 0,
            resolved_at: Some(0),
            breached,
            left_millis: None,
        };
        assert_eq!(sla(Locale::ZhCn, &stopped(false)), "已达标");
        assert_eq!(sla(Locale::En, &stopped(true)), "Breached");
        assert_eq!(sla_class(&stopped(true)), "sla sla--late");
        assert_eq!(sla_class(&stopped(false)), "sla sla--met");
        let running = SlaView {
            left_millis: Some(-MIN),
            breached: true,
            ..stopped(true)
        };
        assert_eq!(sla_class(&running), "sla sla--late");
        assert_eq!(tenths(45), "4.5");
        assert_eq!(tenths(40), "4.0");
        assert_eq!(star_line(4), "★★★★☆");
    }
}
