//! List pages in the envelope of Balanced's v1 document: newest first, `limit` and `offset`, the
//! `total` and the links to the first, previous, next and last pages (null where there is none);
//! or, for v1.1 credits, in the envelope of Balanced's 1.1 schema (`fixtures/credits.json`):
//! `{ credits, links, meta }`, the paging in `meta`, the link templates in `links`.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{finish_options, option_map};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::money::read::integer;
use crate::payouts::options::{version_option, Version};
use crate::time::pacific::Instant;

pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page: a bound so a page stays small (the seeds give no maximum).
pub const MAX_LIMIT: u32 = 100;
/// Most items one call may page through.
pub const MAX_LIST_ITEMS: usize = 100_000;
pub const MAX_LIST_URI_LEN: usize = 2048;
pub const LIST_OPTIONS: &[&str] = &["limit", "offset", "uri", "version", "total"];
/// The link templates of a v1.1 list of credits, as Balanced's 1.1 schema requires them.
pub const CREDIT_LINKS_V1_1: [(&str, &str); 6] = [
    ("credits.account", "/accounts/{credits.account}"),
    ("credits.customer", "/customers/{credits.customer}"),
    ("credits.destination", "/resources/{credits.destination}"),
    ("credits.events", "/credits/{credits.id}/events"),
    ("credits.order", "/orders/{credits.order}"),
    ("credits.reversals", "/credits/{credits.id}/reversals"),
];
/// A list longer than [`MAX_LIST_ITEMS`].
pub fn too_many_items(len: usize) -> Error {
    Error::single(
        &Path::root(),
        Code::TooManyItems,
        format!("{len} items is more than the {MAX_LIST_ITEMS} a list may hold"),
    )
}

/// One page and its links.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ListPage<T> {
    pub items: Vec<T>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    pub limit: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub offset: u64,
    pub uri: String,
    pub first_uri: String,
    pub previous_uri: Option<String>,
    pub next_uri: Option<String>,
    pub last_uri: String,
}

/// The paging of a v1.1 list (its `meta`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ListMetaV1_1"))]
pub struct ListMeta {
    pub first: String,
    pub href: String,
    pub last: String,
    pub limit: u32,
    pub next: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub offset: u64,
    pub previous: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
}

/// A page of v1.1 credits: `{ credits, links, meta }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ListPageV1_1<T> {
    pub credits: Vec<T>,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub links: Map<String, Value>,
    pub meta: ListMeta,
}

impl<T> From<ListPage<T>> for ListPageV1_1<T> {
    fn from(p: ListPage<T>) -> Self {
        let links = CREDIT_LINKS_V1_1
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect();
        ListPageV1_1 {
            credits: p.items,
            links,
            meta: ListMeta {
                first: p.first_uri,
                href: p.uri,
                last: p.last_uri,
                limit: p.limit,
                next: p.next_uri,
                offset: p.offset,
                previous: p.previous_uri,
                total: p.total,
            },
        }
    }
}

/// A page in the envelope of its version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnyPage<T> {
    V1(ListPage<T>),
    V1_1(ListPageV1_1<T>),
}

/// `{ limit?, offset?, uri, version? }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions {
    pub limit: u32,
    pub offset: u64,
    /// The envelope: v1's (the default, as before) or v1.1's list of credits.
    pub version: Version,
    /// The collection's size when the items given are already the page at `offset` (a database
    /// pages, the envelope is written here).
    pub total: Option<u64>,
    /// The collection's URI without `limit` and `offset` (other query parameters kept).
    pub uri: String,
}

impl ListOptions {
    /// Reads the options; problems throw `invalid_option`.
    pub fn from_value(options: &Value) -> Result<Self, Error> {
        let root = Path::root();
        let mut issues = Issues::new();
        let mut out = Self {
            limit: DEFAULT_LIMIT,
            offset: 0,
            version: Version::V1,
            total: None,
            uri: String::new(),
        };
        let map = option_map(options, LIST_OPTIONS, &mut issues);
        let empty = Map::new();
        let map = map.unwrap_or(&empty);
        let get = |key: &str| map.get(key).filter(|v| !v.is_null());
        if let Some(v) = get("limit") {
            match integer(v, 1, u64::from(MAX_LIMIT)) {
                Ok(n) => out.limit = u32::try_from(n).unwrap_or(DEFAULT_LIMIT),
                Err((code, message)) => issues.push(
                    &root.key("limit"),
                    code,
                    format!("limit is 1 to {MAX_LIMIT}: {message}"),
                ),
            }
        }
        if let Some(v) = version_option(map, &mut issues) {
            out.version = v;
        }
        if let Some(v) = get("total") {
            match integer(v, 0, json::MAX_SAFE_INTEGER.unsigned_abs()) {
                Ok(n) => out.total = Some(n),
                Err((code, message)) => {
                    issues.push(&root.key("total"), code, format!("total: {message}"))
                }
            }
        }
        if let Some(v) = get("offset") {
            match integer(v, 0, json::MAX_SAFE_INTEGER.unsigned_abs()) {
                Ok(n) => out.offset = n,
                Err((code, message)) => {
                    issues.push(&root.key("offset"), code, format!("offset: {message}"))
                }
            }
        }
        match get("uri") {
            None => issues.push(
                &root.key("uri"),
                Code::Required,
                "uri, the collection's URI (\"/v1/marketplaces/…/credits\"), is required",
            ),
            Some(Value::String(s))
                if s.starts_with('/')
                    && s.len() <= MAX_LIST_URI_LEN
                    && s.bytes().all(|b| b.is_ascii_graphic() && b != b'#') =>
            {
                out.uri = strip_paging(s);
            }
            Some(other) => issues.push(
                &root.key("uri"),
                Code::InvalidUri,
                format!(
                    "uri must be a URI path such as \"/v1/marketplaces/TEST-MP/credits\" (at most \
                     {MAX_LIST_URI_LEN} printable ASCII characters, no fragment), got {}",
                    match other {
                        Value::String(s) => json::quoted(json::head(s, 40)),
                        other => json::type_name(other).to_owned(),
                    }
                ),
            ),
        }
        finish_options(issues, out)
    }

    /// The URI of the page at `offset`.
    pub fn page_uri(&self, offset: u64) -> String {
        let sep = if self.uri.contains('?') { '&' } else { '?' };
        format!("{}{sep}limit={}&offset={offset}", self.uri, self.limit)
    }
}

/// `uri` without its `limit` and `offset` parameters (they are written afresh for every link).
fn strip_paging(uri: &str) -> String {
    let Some((path, query)) = uri.split_once('?') else {
        return uri.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default();
            !p.is_empty() && name != "limit" && name != "offset"
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The page of `items` (objects with a `created_at`) newest first; items of the same instant keep
/// their order. Items are returned exactly as given.
pub fn list_page(items: &Value, options: &ListOptions) -> Result<AnyPage<Value>, Error> {
    let listed = read_items(items)?;
    let p = match options.total {
        None => page(listed, options),
        Some(total) => given_page(listed, total, options)?,
    };
    Ok(match options.version {
        Version::V1 => AnyPage::V1(p),
        Version::V1_1 => AnyPage::V1_1(p.into()),
    })
}

/// A list item: when it was created, and the item itself, passed through as given.
#[derive(Debug, Clone)]
pub struct Listed<'a> {
    pub created_at: Instant,
    pub item: &'a Value,
}

/// Reads the items' `created_at`, every problem at its item's path.
pub fn read_items(items: &Value) -> Result<Vec<Listed<'_>>, Error> {
    let root = Path::root();
    let values = match items {
        Value::Array(values) => values,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!("items must be an array, got {}", json::type_name(other)),
            ))
        }
    };
    if values.len() > MAX_LIST_ITEMS {
        return Err(too_many_items(values.len()));
    }
    let mut issues = Issues::new();
    let mut listed: Vec<Listed> = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        let at = root.index(i);
        match v {
            Value::Object(map) if json::js_tag(v).is_none() => match map.get("created_at") {
                Some(Value::String(s)) => match Instant::parse(s) {
                    Some(t) => listed.push(Listed {
                        created_at: t,
                        item: v,
                    }),
                    None => issues.push(
                        &at.key("created_at"),
                        Code::InvalidDateTime,
                        "created_at must be an ISO 8601 date-time with an offset",
                    ),
                },
                Some(other) => issues.push(
                    &at.key("created_at"),
                    Code::InvalidType,
                    format!(
                        "created_at must be a string, got {}",
                        json::type_name(other)
                    ),
                ),
                None => issues.push(
                    &at.key("created_at"),
                    Code::Required,
                    "created_at is required to order the list",
                ),
            },
            other => issues.push(
                &at,
                Code::InvalidType,
                format!("a list item is an object, got {}", json::type_name(other)),
            ),
        }
    }
    issues.finish(listed)
}

/// The page a caller already cut (at `offset`, at most `limit` items, of `total`): its items
/// newest first and the links.
pub fn given_page(
    listed: Vec<Listed>,
    total: u64,
    options: &ListOptions,
) -> Result<ListPage<Value>, Error> {
    let len = u64::try_from(listed.len()).unwrap_or(u64::MAX);
    let mut issues = Issues::new();
    if len > u64::from(options.limit) {
        issues.push(
            &Path::root().key("limit"),
            Code::OutOfRange,
            format!("{len} items given as one page of at most {}", options.limit),
        );
    }
    if options.offset.saturating_add(len) > total {
        issues.push(
            &Path::root().key("total"),
            Code::OutOfRange,
            format!(
                "total {total} is less than offset {} and the {len} items of the page",
                options.offset
            ),
        );
    }
    finish_options(issues, ())?;
    let mut p = page(
        listed,
        &ListOptions {
            offset: 0,
            ..options.clone()
        },
    );
    let limit = u64::from(options.limit);
    let offset = options.offset;
    let last_offset = total.saturating_sub(1) / limit * limit;
    p.total = total;
    p.offset = offset;
    p.uri = options.page_uri(offset);
    p.last_uri = options.page_uri(last_offset);
    p.previous_uri =
        (offset > 0).then(|| options.page_uri(offset.saturating_sub(limit).min(last_offset)));
    p.next_uri = offset
        .checked_add(limit)
        .filter(|n| *n < total)
        .map(|o| options.page_uri(o));
    Ok(p)
}

/// The page: newest first (a stable sort, so equal instants keep their order), `limit` items
/// from `offset`, and the links.
pub fn page(mut listed: Vec<Listed>, options: &ListOptions) -> ListPage<Value> {
    crate::input::order::sort_by_key(&mut listed, |l| std::cmp::Reverse(l.created_at));
    let total = u64::try_from(listed.len()).unwrap_or(u64::MAX);
    let limit = u64::from(options.limit);
    let offset = options.offset;
    let last_offset = total.saturating_sub(1) / limit * limit;
    let items: Vec<Value> = listed
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(options.limit as usize)
        .map(|l| l.item.clone())
        .collect();
    let previous = (offset > 0).then(|| offset.saturating_sub(limit).min(last_offset));
    let next = offset.checked_add(limit).filter(|n| *n < total);
    ListPage {
        items,
        total,
        limit: options.limit,
        offset,
        uri: options.page_uri(offset),
        first_uri: options.page_uri(0),
        previous_uri: previous.map(|o| options.page_uri(o)),
        next_uri: next.map(|o| options.page_uri(o)),
        last_uri: options.page_uri(last_offset),
    }
}
