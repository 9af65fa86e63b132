//! The "my account" page's strings.

use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum M {
    Title,
    TwoFactor,
    TwoFactorIntro,
    IsOn,
    IsOff,
    TurnOn,
    TurnOff,
    ScanThis,
    OrEnterSecret,
    Code,
    CodeHint,
    Confirm,
    TurnedOn,
    TurnedOff,
    OffNeedsCode,
    Cancel,
}

impl Translate for M {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            M::Title => ("我的账户", "My account"),
            M::TwoFactor => ("两步验证登录", "Two-factor sign-in"),
            M::TwoFactorIntro => (
                "开启后，登录时除密码外还需输入手机身份验证器应用（如 Google Authenticator、Microsoft Authenticator）中的 6 位验证码。",
                "Once on, signing in also takes the six-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, …).",
            ),
            M::IsOn => ("两步验证已开启。", "Two-factor sign-in is on."),
            M::IsOff => ("两步验证未开启。", "Two-factor sign-in is off."),
            M::TurnOn => ("开启两步验证", "Turn on two-factor sign-in"),
            M::TurnOff => ("关闭两步验证", "Turn off two-factor sign-in"),
            M::ScanThis => ("用身份验证器应用扫描此二维码：", "Scan this QR code with your authenticator app:"),
            M::OrEnterSecret => ("或手动输入密钥：", "Or enter this key by hand:"),
            M::Code => ("应用中显示的验证码", "The code the app shows"),
            M::CodeHint => ("6 位数字，每 30 秒更新一次。", "Six digits; a new one every 30 seconds."),
            M::Confirm => ("确认并开启", "Confirm and turn on"),
            M::TurnedOn => ("两步验证已开启", "Two-factor sign-in is on"),
            M::TurnedOff => ("两步验证已关闭", "Two-factor sign-in is off"),
            M::OffNeedsCode => ("输入当前验证码以关闭：", "Enter a current code to turn it off:"),
            M::Cancel => ("取消", "Cancel"),
        };
        locale.pick(zh, en)
    }
}
