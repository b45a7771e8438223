//! What the fuzz targets share: a JSON-like value built from the fuzzer's bytes, biased toward the
//! shapes and field names the api reads (items, customers, orders, options) and toward amount-like
//! numbers and strings, written out as text; raw text as well; and the check every answer must
//! pass (a well-formed envelope whose error, if any, has a known code and says something).

mod cash;
mod check;
mod columns;
mod ledger;
mod payouts;
mod value;

pub use cash::*;
pub use check::*;
pub use columns::*;
pub use ledger::*;
pub use payouts::*;
pub use value::*;

#[cfg(test)]
mod tests;

/// One argument of a known shape: mostly the shaped value its generator builds, sometimes any
/// value, now and then any text, so each function's valid path is reached and its refusals too.
#[macro_export]
macro_rules! shaped_arg {
    ($(#[$doc:meta])* $name:ident, $build:path) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name(pub $crate::Arg);

        impl<'a> arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                $crate::shaped_or_any(u, $build).map($name)
            }
        }

        impl $name {
            pub fn text(&self) -> String {
                self.0.text()
            }
        }
    };
}

shaped_arg!(CreditRequestArg, credit_request);
shaped_arg!(CreditOptionsArg, credit_options);
shaped_arg!(CreateOptionsArg, create_options);
shaped_arg!(CreditArg, credit);
shaped_arg!(CreditStatusArg, credit_status);
shaped_arg!(AtOptionsArg, at_options);
shaped_arg!(InstantArg, instant);
shaped_arg!(VersionOptionsArg, version_options);
shaped_arg!(ListItemsArg, list_items);
shaped_arg!(ListOptionsArg, list_options);
shaped_arg!(DateArg, date);
shaped_arg!(CashStateArg, cash_state);
shaped_arg!(CashTransactionArg, cash_transaction);
shaped_arg!(CashTransactionsArg, cash_transactions);
shaped_arg!(CashSettingsArg, cash_settings);
shaped_arg!(CustomerIdArg, customer_id);
shaped_arg!(CashPaymentArg, cash_payment);
shaped_arg!(ReconcileRequestArg, reconcile_request);
shaped_arg!(CustomerArg, customer);
shaped_arg!(AccountExtrasArg, account_extras);
shaped_arg!(CurrencyArg, currency_arg);
shaped_arg!(ScaleArg, scale);
