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

// Times: each screen shows its times in one zone it names — the payout schedule in Pacific time
// (the Federal Reserve's batches run on it), elsewhere the browser's own — never with a raw offset.
export const PACIFIC = "America/Los_Angeles";

const dateTimes = new Map();
function dateTimeFormat(zone) {
  const key = zone ?? "";
  if (!dateTimes.has(key)) {
    dateTimes.set(key, new Intl.DateTimeFormat("en-US", {
      timeZone: zone, weekday: "short", year: "numeric", month: "short", day: "numeric",
      hour: "numeric", minute: "2-digit", second: "2-digit",
    }));
  }
  return dateTimes.get(key);
}

/** An ISO 8601 date-time (any offset) as a person reads it in `zone` (default: the browser's). */
export function dateTime(iso, zone) {
  return dateTimeFormat(zone).format(new Date(iso));
}

/** The zone's name for a heading: "Pacific time", or the browser's zone by its long name. */
export function zoneName(zone) {
  if (zone === PACIFIC) return "Pacific time";
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "long" }).formatToParts(new Date());
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "your time zone";
}

/** A `<time>` for an ISO date-time, shown in `zone`. */
export const timeEl = (iso, zone) => el("time", { datetime: iso, text: dateTime(iso, zone) });

/** The wall-clock fields of an instant in `zone`. */
function wallClock(date, zone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(date);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}

/** Now, as typed in `zone`: "2026-03-06 14:59:59". */
export const wallClockNow = (zone) => wallClock(new Date(), zone);

/**
 * A wall-clock time typed in `zone` ("2026-03-06 14:59" or with seconds) → ISO 8601 with that
 * moment's offset, or null when it is not such a time (or does not exist there, as in the hour a
 * clock springs forward). An hour that happens twice reads as its first.
 */
export function wallClockToIso(text, zone) {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const wall = `${m[1]} ${m[2]}:${m[3] ?? "00"}`;
  // Every offset the zone could have that day: its offsets a day either side of the noon UTC.
  const noon = Date.parse(`${m[1]}T12:00:00Z`);
  if (Number.isNaN(noon)) return null;
  const offsets = new Set([-1, 0, 1].map((d) => offsetAt(new Date(noon + d * 86_400_000), zone)));
  const candidates = [...offsets].sort((a, b) => b - a).map((minutes) => {
    const sign = minutes < 0 ? "-" : "+";
    const abs = Math.abs(minutes);
    return `${m[1]}T${m[2]}:${m[3] ?? "00"}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  });
  return candidates.find((iso) => !Number.isNaN(Date.parse(iso)) && wallClock(new Date(iso), zone) === wall) ?? null;
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetAt(date, zone) {
  const wall = wallClock(date, zone).replace(" ", "T");
  return Math.round((Date.parse(`${wall}Z`) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}
