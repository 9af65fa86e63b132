//! The reviews page's strings (评价、隐藏、回复): moderating what buyers wrote.

use shared::{ApiError, ErrorCode, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rv {
    Shown,
    Hidden,
    AnyStars,
    Unanswered,
    Photo,
    NoText,
    HiddenBecause,
    ShopReply,
    Hide,
    HideReason,
    HideHint,
    ConfirmHide,
    HiddenDone,
    Show,
    ShownDone,
    Reply,
    EditReply,
    ReplyText,
    ReplyHint,
    SaveReply,
    Replied,
    ReplyRemoved,
}

impl Translate for Rv {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Rv::Shown => ("显示中", "Shown"),
            Rv::Hidden => ("已隐藏", "Hidden"),
            Rv::AnyStars => ("全部星级", "Any stars"),
            Rv::Unanswered => ("未回复", "Unanswered"),
            Rv::Photo => ("评价照片", "Review photo"),
            Rv::NoText => ("（只打了星，没有写文字）", "(stars only, no text)"),
            Rv::HiddenBecause => ("已隐藏：", "Hidden: "),
            Rv::ShopReply => ("店铺回复", "Shop's reply"),
            Rv::Hide => ("隐藏", "Hide"),
            Rv::HideReason => ("隐藏原因", "Reason for hiding"),
            Rv::HideHint => (
                "评价人会看到这个原因；商品页不再显示这条评价，也不计入评分。",
                "The reviewer is told this reason; the product page no longer shows the review or counts its stars.",
            ),
            Rv::ConfirmHide => ("确认隐藏", "Hide the review"),
            Rv::HiddenDone => ("评价已隐藏", "Review hidden"),
            Rv::Show => ("重新显示", "Show again"),
            Rv::ShownDone => ("评价已重新显示", "Review shown again"),
            Rv::Reply => ("回复", "Reply"),
            Rv::EditReply => ("修改回复", "Edit reply"),
            Rv::ReplyText => (
                "公开回复（显示在商品页这条评价下方）",
                "Public reply (shown under the review on the product page)",
            ),
            Rv::ReplyHint => (
                "清空后保存即撤回回复。",
                "Save it empty to take the reply back.",
            ),
            Rv::SaveReply => ("保存回复", "Save reply"),
            Rv::Replied => ("回复已保存", "Reply saved"),
            Rv::ReplyRemoved => ("回复已撤回", "Reply taken back"),
        };
        locale.pick(zh, en)
    }
}

/// "4 星" / "4 stars".
pub fn stars(locale: Locale, n: u8) -> String {
    match locale {
        Locale::ZhCn => format!("{n} 星"),
        Locale::En if n == 1 => "1 star".to_string(),
        Locale::En => format!("{n} stars"),
    }
}

/// "★★★★☆" for `n` of five stars.
pub fn star_line(n: u8) -> String {
    let on = usize::from(n.min(5));
    format!("{}{}", "★".repeat(on), "☆".repeat(5 - on))
}

/// The review problems the server names.
fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "reply" => (
            "请填写 1–1000 个字符，不能为空。",
            "Write 1 to 1,000 characters; it cannot be empty.",
        ),
        "rating" => ("星级为 1–5 星。", "Stars are 1 to 5."),
        _ => return None,
    })
}

/// What a staff member reads when the server refused to hide, show or answer a review.
pub fn error(locale: Locale, e: &ApiError) -> String {
    if let Some((zh, en)) = e.problem.as_deref().and_then(problem) {
        return locale.pick(zh, en).to_string();
    }
    if e.code == ErrorCode::NotFound {
        return locale
            .pick("这条评价已不存在。", "This review no longer exists.")
            .to_string();
    }
    crate::text::error(locale, e)
}
