// Display formatting of the library's decimal strings. Intl formats the string itself (no float):
// the digits shown are exactly the digits computed.
const formatters = new Map();

/** `"299.00"`, `"SEK"` → `"SEK 299.00"`, keeping exactly the library's digits. */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return "–";
  const digits = (amount.split(".")[1] ?? "").length;
  const key = `${currency}:${digits}`;
  if (!formatters.has(key)) {
    try {
      formatters.set(key, new Intl.NumberFormat("en-US", {
        style: "currency", currency, currencyDisplay: "code",
        minimumFractionDigits: digits, maximumFractionDigits: digits,
      }));
    } catch {
      formatters.set(key, null);
    }
  }
  const f = formatters.get(key);
  return f ? f.format(amount) : `${currency} ${amount}`;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
