//! The strings of the category and brand pages and of the shared catalogue fields (texts in
//! both languages, pictures, search-engine fields).

use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    // shared fields
    Chinese,
    English,
    Name,
    Slug,
    SlugHint,
    Upload,
    Replace,
    Remove,
    NoPicture,
    ReadOnly,
    Edit,
    Delete,
    Products,
    // search engines
    Seo,
    SeoIntro,
    SeoTitle,
    SeoDescription,
    WidthHint,
    MayBeCut,
    Preview,
    PreviewBoth,
    PreviewNoTitle,
    PreviewNoDescription,
    // categories
    NewCategory,
    EditCategory,
    Tree,
    NoCategories,
    Parent,
    TopLevel,
    Picture,
    MoveUp,
    MoveDown,
    Indent,
    Outdent,
    CategoryCreated,
    CategorySaved,
    CategoryDeleted,
    NotEmpty,
    PickToEdit,
    // brands
    NewBrand,
    EditBrand,
    Brand,
    Logo,
    Description,
    DescriptionHint,
    StorePage,
    ViewStore,
    ViewStoreEn,
    BrandCreated,
    BrandSaved,
    NoBrands,
}

impl Translate for S {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            S::Chinese => ("中文", "Chinese"),
            S::English => ("英文", "English"),
            S::Name => ("名称", "Name"),
            S::Slug => ("网址别名（slug）", "Slug"),
            S::SlugHint => (
                "用于店铺网址：小写字母、数字和单个连字符，最多 80 个字符。修改后旧网址会自动跳转。",
                "Part of the shop's address: lower-case letters, digits and single hyphens, at most 80. An old address keeps leading here.",
            ),
            S::Upload => ("上传图片", "Upload a picture"),
            S::Replace => ("更换图片", "Replace the picture"),
            S::Remove => ("移除", "Remove"),
            S::NoPicture => ("暂无图片", "No picture"),
            S::ReadOnly => (
                "您可以查看，但修改需要“商品管理”权限。",
                "You can look but not change: changes need the catalogue-management permission.",
            ),
            S::Edit => ("编辑", "Edit"),
            S::Delete => ("删除", "Delete"),
            S::Products => ("商品数", "Products"),
            S::Seo => ("搜索引擎优化（SEO）", "Search engines (SEO)"),
            S::SeoIntro => (
                "留空时，店铺使用名称和介绍。",
                "Left empty, the shop uses the name and the description.",
            ),
            S::SeoTitle => ("SEO 标题", "SEO title"),
            S::SeoDescription => ("SEO 描述", "SEO description"),
            S::WidthHint => (
                "按搜索结果中的显示宽度计算：一个汉字算两个字符。",
                "Counted as a search result shows it: a Chinese character takes two columns.",
            ),
            S::MayBeCut => (
                "超出搜索结果能显示的长度，可能会被截断。",
                "Longer than a search result shows: it may be cut.",
            ),
            S::Preview => ("搜索结果预览", "Search result preview"),
            S::PreviewBoth => ("两种语言", "Both"),
            S::PreviewNoTitle => ("（尚无标题）", "(no title yet)"),
            S::PreviewNoDescription => (
                "（搜索引擎会从页面中摘取文字）",
                "(search engines will pick some text of the page)",
            ),
            S::NewCategory => ("新建分类", "New category"),
            S::EditCategory => ("编辑分类", "Edit category"),
            S::Tree => ("分类结构", "Category tree"),
            S::NoCategories => ("还没有分类。", "No categories yet."),
            S::Parent => ("上级分类", "Parent category"),
            S::TopLevel => ("（顶级分类）", "(top level)"),
            S::Picture => ("分类图片", "Picture"),
            S::MoveUp => ("上移", "Move up"),
            S::MoveDown => ("下移", "Move down"),
            S::Indent => (
                "降一级：成为上方分类的子分类",
                "Indent: make it a sub-category of the one above",
            ),
            S::Outdent => (
                "升一级：移到上级分类之后",
                "Outdent: move it up a level, after its parent",
            ),
            S::CategoryCreated => ("分类已创建", "Category created"),
            S::CategorySaved => ("分类已保存", "Category saved"),
            S::CategoryDeleted => ("分类已删除", "Category deleted"),
            S::NotEmpty => (
                "该分类含有商品或子分类，不能删除。",
                "It holds products or sub-categories: it cannot be deleted.",
            ),
            S::PickToEdit => (
                "点击分类名称即可编辑。",
                "Click a category's name to edit it.",
            ),
            S::NewBrand => ("新建品牌", "New brand"),
            S::EditBrand => ("编辑品牌", "Edit brand"),
            S::Brand => ("品牌", "Brand"),
            S::Logo => ("品牌标志", "Logo"),
            S::Description => ("品牌介绍", "Description"),
            S::DescriptionHint => (
                "支持段落（用空行分隔）、列表、粗体、斜体和链接（HTML 标签 p、ul/ol/li、strong、em、a），其他标记保存时会被移除。",
                "Paragraphs (separated by a blank line), lists, bold, italics and links (the HTML tags p, ul/ol/li, strong, em, a); other markup is removed when saved.",
            ),
            S::StorePage => ("店铺页面", "Store page"),
            S::ViewStore => ("查看店铺", "View store"),
            S::ViewStoreEn => ("英文页", "English page"),
            S::BrandCreated => ("品牌已创建", "Brand created"),
            S::BrandSaved => ("品牌已保存", "Brand saved"),
            S::NoBrands => ("还没有品牌。", "No brands yet."),
        };
        locale.pick(zh, en)
    }
}

/// "12 件商品" / "12 products".
pub fn products(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("{n} 件商品"),
        Locale::En if n == 1 => "1 product".to_string(),
        Locale::En => format!("{n} products"),
    }
}

/// What the shop front says of a category without an SEO description: "羽绒服 · 共 3 件商品".
pub fn category_summary(locale: Locale, name: &str, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("{name} · 共 {n} 件商品"),
        Locale::En if n == 1 => format!("{name} · 1 product"),
        Locale::En => format!("{name} · {n} products"),
    }
}

/// The shop front's title of a brand's store page without an SEO title.
pub fn brand_store_title(locale: Locale, brand: &str) -> String {
    match locale {
        Locale::ZhCn => format!("{brand} 品牌店铺"),
        Locale::En => format!("{brand} brand store"),
    }
}

/// The question before deleting a category.
pub fn confirm_delete(locale: Locale, name: &str) -> String {
    match locale {
        Locale::ZhCn => format!("确定删除分类“{name}”吗？此操作无法撤销。"),
        Locale::En => format!("Delete the category “{name}”? This cannot be undone."),
    }
}

/// The texts were saved but the move to another parent was refused.
pub fn saved_not_moved(locale: Locale, why: &str) -> String {
    match locale {
        Locale::ZhCn => format!("已保存，但未能更改上级分类：{why}"),
        Locale::En => format!("Saved, but the parent category did not change: {why}"),
    }
}

/// "编辑分类 · 羽绒服" / "Edit category · Down jackets".
pub fn editing(locale: Locale, what: S, name: &str) -> String {
    let what = what.text(locale);
    if name.trim().is_empty() {
        what.to_string()
    } else {
        format!("{what} · {name}")
    }
}
