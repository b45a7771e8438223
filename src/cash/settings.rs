//! The cash balance settings: how funds landing in the balance are reconciled (automatic or
//! manual, or the merchant's default), as a state keeps them and as Stripe writes them.

use serde::Serialize;
use serde_json::Value;

use crate::input::fields::{bool_field, object, report_unknown_fields};
use crate::input::issue::{Code, Issues, Path};

/// How funds landing in the balance are reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReconciliationMode {
    Automatic,
    Manual,
}

impl ReconciliationMode {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "automatic" => Some(Self::Automatic),
            "manual" => Some(Self::Manual),
            _ => None,
        }
    }
}

/// The customer's own choice: a mode, or the merchant's default (Stripe's `merchant_default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReconciliationSetting {
    Automatic,
    Manual,
    MerchantDefault,
}

/// The settings a state keeps: the customer's choice and the merchant's default (Stripe's default
/// is `automatic`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceSettingsState {
    pub reconciliation_mode: ReconciliationSetting,
    pub merchant_default: ReconciliationMode,
}

impl Default for CashBalanceSettingsState {
    fn default() -> Self {
        Self {
            reconciliation_mode: ReconciliationSetting::MerchantDefault,
            merchant_default: ReconciliationMode::Automatic,
        }
    }
}

impl CashBalanceSettingsState {
    /// The mode in force.
    pub fn mode(&self) -> ReconciliationMode {
        match self.reconciliation_mode {
            ReconciliationSetting::Automatic => ReconciliationMode::Automatic,
            ReconciliationSetting::Manual => ReconciliationMode::Manual,
            ReconciliationSetting::MerchantDefault => self.merchant_default,
        }
    }
    /// Stripe's `settings` object.
    pub fn view(&self) -> CashBalanceSettings {
        CashBalanceSettings {
            reconciliation_mode: self.mode(),
            using_merchant_default: self.reconciliation_mode
                == ReconciliationSetting::MerchantDefault,
        }
    }
}

/// Stripe's `customer_balance_customer_balance_settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceSettings {
    pub reconciliation_mode: ReconciliationMode,
    /// True when the mode is the merchant's default rather than this customer's own.
    pub using_merchant_default: bool,
}

/// Reads settings: `{ reconciliation_mode?: "automatic" | "manual" | "merchant_default",
/// merchant_default?: "automatic" | "manual", using_merchant_default?: boolean }`. Without a
/// `reconciliation_mode` the merchant's default applies; Stripe's own settings object
/// (`using_merchant_default: true` with the mode in force) reads back as the same settings.
pub fn read_settings(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<CashBalanceSettingsState> {
    let map = object(value, "settings", path, issues)?;
    report_unknown_fields(
        map,
        &[
            "reconciliation_mode",
            "merchant_default",
            "using_merchant_default",
        ],
        "settings",
        path,
        issues,
    );
    let before = issues.len();
    let mode = |key: &str, allowed: &[&str], issues: &mut Issues| -> Option<&str> {
        let v = map.get(key)?;
        match v.as_str().filter(|s| allowed.contains(s)) {
            Some(s) => Some(s),
            None => {
                issues.push(
                    &path.key(key),
                    Code::InvalidType,
                    format!("{key} must be one of {}", allowed.join(", ")),
                );
                None
            }
        }
    };
    let setting = mode(
        "reconciliation_mode",
        &["automatic", "manual", "merchant_default"],
        issues,
    );
    let merchant = mode("merchant_default", &["automatic", "manual"], issues)
        .and_then(ReconciliationMode::parse);
    let using_default = bool_field(map, "using_merchant_default", path, issues);
    let mut out = CashBalanceSettingsState::default();
    if let Some(m) = merchant {
        out.merchant_default = m;
    }
    out.reconciliation_mode = match (setting, using_default) {
        (None | Some("merchant_default"), _) => ReconciliationSetting::MerchantDefault,
        (Some(s), Some(true)) => {
            // Stripe's object says which mode the merchant default is.
            let m = ReconciliationMode::parse(s)?;
            if merchant.is_some_and(|d| d != m) {
                issues.push(
                    &path.key("reconciliation_mode"),
                    Code::InvalidType,
                    "using_merchant_default is true but the mode is not merchant_default",
                );
            }
            out.merchant_default = m;
            ReconciliationSetting::MerchantDefault
        }
        (Some("manual"), _) => ReconciliationSetting::Manual,
        (Some(_), _) => ReconciliationSetting::Automatic,
    };
    (issues.len() == before).then_some(out)
}
