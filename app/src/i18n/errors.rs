//! What a person reads when something fails: the rule the server named (`problem`), else
//! the kind of error.

use shared::Locale;
use ui::i18n::error_text;

/// What a person reads for an API error: the specific rule when the server named one.
pub fn api_error_text(locale: Locale, error: &shared::ApiError) -> &'static str {
    let specific = match error.problem.as_deref() {
        Some("invalid_email") => Some((
            "请输入有效的电子邮箱地址。",
            "Please enter a valid e-mail address.",
        )),
        Some("password_too_short") => Some((
            "密码至少需要 8 个字符。",
            "The password needs at least 8 characters.",
        )),
        Some("password_too_long") => Some((
            "密码最多 128 个字符。",
            "The password may have at most 128 characters.",
        )),
        Some("password_too_common") => Some((
            "这个密码太常见，容易被猜到，请换一个。",
            "This password is too common and easy to guess; please choose another.",
        )),
        Some("name_missing") => Some((
            "请填写昵称（1–50 个字符）。",
            "Please give a name of 1 to 50 characters.",
        )),
        Some("email_taken") => Some((
            "该邮箱已注册，请直接登录或重设密码。",
            "This e-mail already has an account: log in or reset the password.",
        )),
        Some("invalid_credentials") => {
            Some(("邮箱或密码不正确。", "The e-mail or the password is wrong."))
        }
        Some("reset_link_invalid") => Some((
            "重设链接已失效，请重新申请。",
            "This reset link is no longer valid; ask for a new one.",
        )),
        Some("out_of_stock") => Some((
            "有商品库存不足，请返回购物车调整数量。",
            "Some items ran out meanwhile. Please go back to your cart and adjust it.",
        )),
        Some("variant_unavailable") => Some((
            "有商品已下架，请返回购物车删除。",
            "An item is no longer sold. Please remove it from your cart.",
        )),
        Some("cart_full") => Some((
            "购物车最多放 50 种商品。",
            "A cart holds at most 50 different items.",
        )),
        Some("not_cancellable") => Some((
            "这个订单已不能在这里取消：请联系客服，或在收货后申请退货。",
            "This order can no longer be cancelled here: ask customer service, or return it once it arrives.",
        )),
        Some("already_shipped") => Some((
            "订单已有包裹发出，不能取消，可在收货后申请退货。",
            "Part of this order has shipped: it can be returned once it arrives.",
        )),
        Some("nothing_to_reorder") => Some((
            "这个订单的商品都已下架。",
            "None of this order's items is for sale any more.",
        )),
        Some("not_delivered") => Some((
            "订单送达后才能申请退货。",
            "A return can be asked for once the order is delivered.",
        )),
        Some("window_closed") => Some((
            "已超过退货期限，请联系客服。",
            "The time to return this order is over: please contact customer service.",
        )),
        Some("photos") => Some((
            "最多 6 张照片，请重新上传。",
            "At most 6 photos: please upload them again.",
        )),
        Some("replacement") => Some((
            "这是换货订单，如需退换请联系客服。",
            "This order replaced a return: please write to customer service about it.",
        )),
        Some("exchange") => Some((
            "换货只能选择一件商品，换成同款的其他尺码或颜色。",
            "An exchange is for one item, to another size or colour of it.",
        )),
        Some("image_too_large" | "not_an_image") => Some((
            "请上传 10 MB 以内的 JPEG、PNG 或 WebP 图片。",
            "Please upload a JPEG, PNG or WebP picture of up to 10 MB.",
        )),
        Some("invalid_mobile") => Some((
            "请填写 11 位中国大陆手机号码。",
            "Please give an 11-digit mainland China mobile number.",
        )),
        Some("invalid_division") => Some((
            "请选择省份、城市和区县。",
            "Please choose the province, city and district.",
        )),
        Some("recipient_missing") => {
            Some(("请填写收货人姓名。", "Please give the recipient's name."))
        }
        Some("detail_missing") => Some(("请填写详细地址。", "Please give the street address.")),
        Some("too_long") => Some((
            "填写的内容过长，请缩短后重试。",
            "What you entered is too long; please shorten it.",
        )),
        Some("shipping_unavailable" | "shipping_method_unknown") => Some((
            "所选配送方式不能送达该地址，请换一种。",
            "The chosen delivery method does not serve this address; please pick another.",
        )),
        Some("subject") => Some((
            "请填写主题（1–120 个字）。",
            "Please give a subject of 1 to 120 characters.",
        )),
        Some("body") => Some((
            "请填写内容（1–4000 个字）。",
            "Please write 1 to 4,000 characters.",
        )),
        Some("product") => Some(("请选择要咨询的商品。", "Choose the product you are asking about.")),
        Some("order") => Some(("请选择要咨询的订单。", "Choose the order you are asking about.")),
        Some("closed") => Some((
            "该咨询已关闭，如有新问题请重新提交。",
            "This question is closed: please ask a new one.",
        )),
        Some("not_resolved") => Some((
            "问题解决后才能评分。",
            "You can rate the service once your question is resolved.",
        )),
        Some("rating") => Some(("请选择 1 到 5 星。", "Choose one to five stars.")),
        Some("already_rated") => Some(("您已经评过分了。", "You have rated this already.")),
        Some("comment_too_long" | "body_too_long") => Some((
            "内容过长，请缩短后重试。",
            "That is too long; please shorten it.",
        )),
        Some("address_book_full") => Some((
            "最多保存 20 个收货地址，请先删除一些。",
            "An address book keeps at most 20 addresses: remove some first.",
        )),
        Some("wishlist_full") => Some((
            "最多收藏 100 件商品，请先移除一些。",
            "A wishlist keeps at most 100 products: remove some first.",
        )),
        Some("already_reviewed") => Some(("这件商品您已经评价过了。", "You have reviewed this product already.")),
        Some("wrong_password") => Some(("当前密码不正确。", "The current password is wrong.")),
        Some("email_unchanged") => Some(("这已经是您的登录邮箱了。", "This is your sign-in e-mail already.")),
        Some("email_link_invalid") => Some((
            "确认链接已失效，请在个人资料页重新申请更换邮箱。",
            "This confirmation link is no longer valid; ask for the change again on your profile page.",
        )),
        Some("password_unchanged") => Some((
            "新密码不能与当前密码相同。",
            "The new password must differ from the current one.",
        )),
        Some(p) if p.starts_with("coupon_") => Some((
            "优惠券不可用，请移除后再提交。",
            "The coupon cannot be used; remove it and try again.",
        )),
        _ => None,
    };
    match specific {
        Some((zh, en)) => locale.pick(zh, en),
        None => error_text(locale, error.code),
    }
}
