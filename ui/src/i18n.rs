//! The i18n machinery: each app names its strings in enums implementing [`Translate`]
//! (the compiler checks that every string has both languages); views read the current
//! locale from context.

use leptos::prelude::*;
use shared::{ErrorCode, Locale};

/// A string of the interface, in Chinese and English.
pub trait Translate: Copy + Send + Sync + 'static {
    fn text(self, locale: Locale) -> &'static str;
}

/// The locale of the current page (provided by each app's frame as a `Memo<Locale>`).
pub fn use_locale() -> Memo<Locale> {
    use_context::<Memo<Locale>>().unwrap_or_else(|| Memo::new(|_| Locale::default()))
}

/// A reactive translated text for use in views: `{t(Msg::Home)}`.
pub fn t<M: Translate>(msg: M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || msg.text(locale.get())
}

/// What a person reads for an API error code, when nothing more specific is known.
pub fn error_text(locale: Locale, code: ErrorCode) -> &'static str {
    let (zh, en) = match code {
        ErrorCode::BadRequest | ErrorCode::InvalidQuery => (
            "请求参数有误，请检查后重试。",
            "Some of the request's values are not valid. Check them and try again.",
        ),
        ErrorCode::NotFound => (
            "没有找到您要的内容。",
            "We could not find what you asked for.",
        ),
        ErrorCode::Conflict => (
            "数据已被修改，请刷新后重试。",
            "This changed meanwhile. Reload and try again.",
        ),
        ErrorCode::Unauthorized => ("请先登录。", "Please log in first."),
        ErrorCode::Forbidden => ("您没有权限执行此操作。", "You are not allowed to do this."),
        ErrorCode::PayloadTooLarge => ("提交的内容过大。", "What you sent is too large."),
        ErrorCode::UriTooLong => ("请求地址过长。", "The address is too long."),
        ErrorCode::Validation => (
            "填写的信息有误，请检查后重试。",
            "Some of what you entered is not valid. Please check it.",
        ),
        ErrorCode::TooManyRequests => (
            "尝试次数过多，请稍后再试。",
            "Too many attempts. Please wait a few minutes and try again.",
        ),
        ErrorCode::Unavailable => (
            "服务暂时不可用，请稍后再试。",
            "The service is busy right now. Try again shortly.",
        ),
        ErrorCode::Internal => (
            "系统出现问题，我们正在处理。",
            "Something went wrong on our side. We are on it.",
        ),
        ErrorCode::Network => (
            "网络连接失败，请检查网络。",
            "Could not reach the server. Check your connection.",
        ),
    };
    locale.pick(zh, en)
}
