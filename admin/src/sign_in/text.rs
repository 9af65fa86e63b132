//! The sign-in pages' strings.

use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    SignInTitle,
    SignInIntro,
    Email,
    Password,
    Code,
    CodeHint,
    SignIn,
    Working,
    Forgot,
    ForgotTitle,
    ForgotIntro,
    SendLink,
    LinkSent,
    BackToSignIn,
    ResetTitle,
    NewPassword,
    RepeatPassword,
    PasswordHint,
    SetPassword,
    PasswordChanged,
    InviteTitle,
    InviteIntro,
    Ended,
    MissingToken,
}

impl Translate for S {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            S::SignInTitle => ("员工登录", "Staff sign-in"),
            S::SignInIntro => ("登录良仓后台，管理订单、商品与店铺。", "Sign in to the Storekeep back office."),
            S::Email => ("电子邮箱", "E-mail"),
            S::Password => ("密码", "Password"),
            S::Code => ("两步验证码", "Two-factor code"),
            S::CodeHint => ("打开身份验证器应用，输入其中显示的 6 位数字。", "Open your authenticator app and enter the six digits it shows."),
            S::SignIn => ("登录", "Sign in"),
            S::Working => ("请稍候…", "One moment…"),
            S::Forgot => ("忘记密码？", "Forgot your password?"),
            S::ForgotTitle => ("重设密码", "Reset your password"),
            S::ForgotIntro => ("输入您的工作邮箱，我们会发送一个重设密码的链接。", "Enter your work e-mail and we will send you a link to choose a new password."),
            S::SendLink => ("发送重设链接", "Send me a link"),
            S::LinkSent => ("如果该邮箱有账户，重设链接已发出，一小时内有效。", "If this address has an account, a link is on its way. It is valid for an hour."),
            S::BackToSignIn => ("返回登录", "Back to sign-in"),
            S::ResetTitle => ("设置新密码", "Choose a new password"),
            S::NewPassword => ("新密码", "New password"),
            S::RepeatPassword => ("再次输入新密码", "The new password again"),
            S::PasswordHint => ("至少 8 个字符，避免常见密码。", "At least 8 characters; avoid common passwords."),
            S::SetPassword => ("保存密码", "Save the password"),
            S::PasswordChanged => ("密码已更新，请用新密码登录。", "Your password is changed. Sign in with it."),
            S::InviteTitle => ("加入良仓后台", "Join the Storekeep back office"),
            S::InviteIntro => ("您受邀成为店铺员工。设置密码后即可登录。", "You are invited to the shop's staff. Choose a password to sign in."),
            S::Ended => ("您已退出登录（可能在别处退出、账户被停用或长时间未操作）。请重新登录。", "You were signed out (elsewhere, because your account was deactivated, or after a long pause). Please sign in again."),
            S::MissingToken => ("链接不完整，请从邮件中重新打开。", "The link is incomplete. Open it again from the e-mail."),
        };
        locale.pick(zh, en)
    }
}
