// The object path: plain item objects read once, in JS, into per-call columns of scaled integers
// (itemTotals) or into one item's scaled integers (the keystroke of validateItems), so the core runs
// the same rules and the same line and sum code as itemTotalsBatch without any JSON text. Anything
// unusual answers `null` here and the caller takes the general path (JSON.stringify and serde_json),
// which reports it. Every read of a caller's value happens here, before wasm is entered, so no
// user code (a getter, a Proxy trap) ever runs while wasm is on the stack.

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
/** Most digits after the point an item amount may have (PRICE_BOUNDS, QUANTITY_BOUNDS). */
const MAX_SCALE = 6;
/** Mantissas below this are exact, and at most one decimal of a scale reads as a given double. */
const MANTISSA_LIMIT = 2 ** 52;
/** The core's limits of a body (checkout/item.rs: MAX_ITEMS; api/read.rs: MAX_ITEMS_INPUT). */
const MAX_ITEMS = 10_000;
const MAX_ITEMS_INPUT = 4 << 20;
const TEXT_MAX = { number: 64, name: 256, unit: 32 };
const FIELDS = ["number", "name", "price", "quantity", "unit", "vat", "rebate"];

/** The mantissa of the last `exactScale` that answered a scale. */
let mantissa = 0;

/**
 * The decimal a double's shortest round-trip text (`String(x)`, what JSON.stringify writes) reads
 * as: `mantissa · 10^-k` for the returned k (0 to 6), or -1 when that is not certain. For the
 * smallest k with `Math.round(x·10^k) / 10^k === x` and |m| < 2^52, m·10^-k rounds to x and, since
 * the doubles there are closer than 10^-k, no other decimal of k digits does; the shortest text of
 * x has at most k digits after the point and so is the same decimal (trailing zeros stripped).
 * tests/js/objects.test.mjs checks it against String(x) over millions of doubles and the hard cases.
 */
export function exactScale(x) {
  for (let k = 0; k <= MAX_SCALE; k++) {
    const p = POW10[k];
    let m = Math.round(x * p);
    if (m / p !== x) continue;
    if (!(Math.abs(m) < MANTISSA_LIMIT)) return -1;
    // Rounding of x·10^k may have missed a shorter scale: strip its zeros (and -0 is 0).
    while (k > 0 && m % 10 === 0) {
      m /= 10;
      k--;
    }
    mantissa = m === 0 ? 0 : m;
    return k;
  }
  return -1;
}

/** A text field as the core's text rule accepts it (at most `max` characters, no control
 * character, i.e. Unicode's Cc as Rust's `char::is_control`, and no lone surrogate, which the core's
 * JSON reader refuses); else false. */
function textOk(s, max) {
  if (typeof s !== "string" || s.length > max) return false;
  // One pass over the code units (measured ~2× faster than a regular expression and isWellFormed).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A pair (high then low) is one character; anything else is a lone surrogate.
      const next = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** True when no item field can be inherited from Object.prototype (read once per call). */
function prototypeClean() {
  for (const f of FIELDS) if (f in Object.prototype) return false;
  return true;
}

// Bits of the fields: the keys for-in saw must be exactly those whose named load is defined (an
// own non-enumerable or inherited value, or a key set to undefined, sends the item the general way).
const NUMBER = 1, NAME = 2, PRICE = 4, QUANTITY = 8, UNIT = 16, VAT = 32, REBATE = 64;

/** The field bits of an item's own enumerable keys, or -1 for anything but a plain object of
 * known keys. */
function keyBits(item) {
  if (typeof item !== "object" || item === null) return -1;
  const proto = Object.getPrototypeOf(item);
  // A toJSON (non-enumerable own, or inherited) is what JSON.stringify would write instead.
  if ((proto !== Object.prototype && proto !== null) || item.toJSON !== undefined) return -1;
  let bits = 0;
  for (const key in item) {
    switch (key) {
      case "price": bits |= PRICE; break;
      case "quantity": bits |= QUANTITY; break;
      case "vat": bits |= VAT; break;
      case "rebate": bits |= REBATE; break;
      case "number": bits |= NUMBER; break;
      case "name": bits |= NAME; break;
      case "unit": bits |= UNIT; break;
      default: return -1;
    }
  }
  return bits;
}

/** Upper bound of a JSON number's text of an accepted amount (sign, 16 digits, point, "0."). */
const NUMBER_TEXT = 20;
/** Upper bound of a member's key, quotes, colon and comma. */
const MEMBER = 12;

// Per-call columns, grown as needed and reused: mantissas and their scales per amount field.
let capacity = 0;
let cols = null;
function columns(n) {
  if (n > capacity) {
    capacity = Math.max(n, 1024);
    cols = {
      price: new Float64Array(capacity), priceK: new Uint8Array(capacity),
      quantity: new Float64Array(capacity), quantityK: new Uint8Array(capacity),
      vat: new Float64Array(capacity), vatK: new Uint8Array(capacity),
      rebate: new Float64Array(capacity), rebateK: new Uint8Array(capacity),
    };
  }
  return cols;
}

/** Brings a column to one scale (the largest of its cells); false when a value would pass 2^53 − 1. */
function align(values, scales, n, scale) {
  for (let i = 0; i < n; i++) {
    const k = scales[i];
    if (k !== scale) {
      const v = values[i] * POW10[scale - k];
      if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return false;
      values[i] = v;
    }
  }
  return true;
}

/**
 * The body of an itemTotals call as item columns `[price, quantity, vat, rebate, scaleJson]` for
 * itemTotalsBatch (absent columns undefined), or null when the body is anything but an array of 1 to
 * 10,000 plain item objects (or one such object) whose amounts are numbers read exactly and whose
 * text fields keep the text rule. A call whose batch answer is an error is answered again by the
 * general path, so every error is the general path's, path and code. A throwing getter or Proxy
 * trap throws out of here; the caller takes the general path, which reports it.
 */
export function itemColumns(body) {
  let n, single;
  if (Array.isArray(body)) {
    if (body.toJSON !== undefined) return null;
    n = body.length;
    single = false;
  } else if (typeof body === "object" && body !== null) {
    n = 1;
    single = true;
  } else return null;
  if (n === 0 || n > MAX_ITEMS || !prototypeClean()) return null;
  const c = columns(n);
  let bytes = 2;
  let maxP = 0, maxQ = 0, maxV = 0, maxR = 0;
  let anyQ = false, anyV = false, anyR = false;
  for (let i = 0; i < n; i++) {
    const item = single ? body : body[i];
    const bits = keyBits(item);
    if (bits < 0 || (bits & PRICE) === 0) return null;
    const { number, name, price, quantity, unit, vat, rebate } = item;
    let seen = PRICE;
    bytes += 3;
    if (number !== undefined) {
      if (!textOk(number, TEXT_MAX.number)) return null;
      seen |= NUMBER;
      bytes += MEMBER + 2 + 3 * number.length;
    }
    if (name !== undefined) {
      if (!textOk(name, TEXT_MAX.name)) return null;
      seen |= NAME;
      bytes += MEMBER + 2 + 3 * name.length;
    }
    if (unit !== undefined) {
      if (!textOk(unit, TEXT_MAX.unit)) return null;
      seen |= UNIT;
      bytes += MEMBER + 2 + 3 * unit.length;
    }
    let k;
    if (typeof price !== "number" || (k = exactScale(price)) < 0) return null;
    c.price[i] = mantissa;
    c.priceK[i] = k;
    if (k > maxP) maxP = k;
    bytes += MEMBER + NUMBER_TEXT;
    if (quantity === undefined) {
      c.quantity[i] = 1;
      c.quantityK[i] = 0;
    } else {
      if (typeof quantity !== "number" || (k = exactScale(quantity)) < 0) return null;
      c.quantity[i] = mantissa;
      c.quantityK[i] = k;
      if (k > maxQ) maxQ = k;
      anyQ = true;
      seen |= QUANTITY;
      bytes += MEMBER + NUMBER_TEXT;
    }
    // Absent vat and rebate are zero: the same line, and no rule refuses a zero where an absent
    // field is accepted (a price is always there).
    if (vat === undefined) {
      c.vat[i] = 0;
      c.vatK[i] = 0;
    } else {
      if (typeof vat !== "number" || (k = exactScale(vat)) < 0) return null;
      c.vat[i] = mantissa;
      c.vatK[i] = k;
      if (k > maxV) maxV = k;
      anyV = true;
      seen |= VAT;
      bytes += MEMBER + NUMBER_TEXT;
    }
    if (rebate === undefined) {
      c.rebate[i] = 0;
      c.rebateK[i] = 0;
    } else {
      if (typeof rebate !== "number" || (k = exactScale(rebate)) < 0) return null;
      c.rebate[i] = mantissa;
      c.rebateK[i] = k;
      if (k > maxR) maxR = k;
      anyR = true;
      seen |= REBATE;
      bytes += MEMBER + NUMBER_TEXT;
    }
    if (seen !== bits) return null;
  }
  // The general path refuses a text longer than MAX_ITEMS_INPUT bytes: only bodies certainly
  // shorter come here.
  if (bytes > MAX_ITEMS_INPUT) return null;
  if (
    !align(c.price, c.priceK, n, maxP) ||
    (anyQ && !align(c.quantity, c.quantityK, n, maxQ)) ||
    (anyV && !align(c.vat, c.vatK, n, maxV)) ||
    (anyR && !align(c.rebate, c.rebateK, n, maxR))
  ) {
    return null;
  }
  return [
    c.price.subarray(0, n),
    anyQ ? c.quantity.subarray(0, n) : undefined,
    anyV ? c.vat.subarray(0, n) : undefined,
    anyR ? c.rebate.subarray(0, n) : undefined,
    `{"price":${maxP},"quantity":${maxQ},"vat":${maxV},"rebate":${maxR}}`,
  ];
}

/** Scale argument of an absent amount in a keystroke call. */
export const ABSENT = 255;

/**
 * One item of a keystroke call (`validateItems(item, options)`) as the scaled integers the core's
 * `validateItem` takes: `[price, k, quantity, k, vat, k, rebate, k, currency]` (an absent amount has
 * scale ABSENT; the currency is its three letters packed in an integer, 0 for none), with the item's
 * text fields kept for the answer, or null for anything else. The answer is `answerOfItem`'s.
 */
export function keystroke(item, options) {
  let currency = 0;
  let code = null;
  if (options !== null && options !== undefined) {
    if (typeof options === "string") code = options;
    else if (keyCount(options) === 1) code = options.currency;
    else return null;
    if (typeof code !== "string" || !/^[A-Z]{3}$/.test(code)) return null;
    currency = (code.charCodeAt(0) << 16) | (code.charCodeAt(1) << 8) | code.charCodeAt(2);
  }
  if (!prototypeClean()) return null;
  const bits = keyBits(item);
  if (bits < 0) return null;
  const { number, name, price, quantity, unit, vat, rebate } = item;
  let seen = 0;
  if (number !== undefined) {
    if (!textOk(number, TEXT_MAX.number)) return null;
    seen |= NUMBER;
  }
  if (name !== undefined) {
    if (!textOk(name, TEXT_MAX.name)) return null;
    seen |= NAME;
  }
  if (unit !== undefined) {
    if (!textOk(unit, TEXT_MAX.unit)) return null;
    seen |= UNIT;
  }
  const args = [0, ABSENT, 0, ABSENT, 0, ABSENT, 0, ABSENT, currency];
  if (!put(args, 0, price) || !put(args, 2, quantity) || !put(args, 4, vat) || !put(args, 6, rebate)) {
    return null;
  }
  if (price !== undefined) seen |= PRICE;
  if (quantity !== undefined) seen |= QUANTITY;
  if (vat !== undefined) seen |= VAT;
  if (rebate !== undefined) seen |= REBATE;
  if (seen !== bits) return null;
  return { args, number, name, unit, code };
}

/** An amount into `args[at]` and its scale into `args[at + 1]` (absent: left as it is); false when
 * it is not a number read exactly. */
function put(args, at, value) {
  if (value === undefined) return true;
  let k;
  if (typeof value !== "number" || (k = exactScale(value)) < 0) return false;
  args[at] = mantissa;
  args[at + 1] = k;
  return true;
}

/** Own enumerable keys of a plain options object (only `currency` known), or -1. */
function keyCount(value) {
  if (typeof value !== "object" || value === null) return -1;
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || value.toJSON !== undefined) return -1;
  let n = 0;
  for (const key in value) {
    if (key !== "currency") return -1;
    n++;
  }
  return n;
}

/**
 * The answer of a keystroke call from the core's compact text (`price,quantity,vat,rebate,net,
 * rebate,vat,amount`, absent parts empty): the same object, keys in the same order, as the
 * general path's `{ ok: true, items, lines, totals }`.
 */
export function answerOfItem(read, text) {
  const [price, quantity, vat, rebate, lineNet, lineRebate, lineVat, amount] = text.split(",");
  const view = {};
  if (read.number !== undefined) view.number = read.number;
  if (read.name !== undefined) view.name = read.name;
  view.price = price;
  view.quantity = quantity;
  if (read.unit !== undefined) view.unit = read.unit;
  if (vat !== "") view.vat = vat;
  if (rebate !== "") view.rebate = rebate;
  return {
    ok: true,
    items: [view],
    lines: [{ net: lineNet, rebate: lineRebate, vat: lineVat, amount }],
    totals: { currency: read.code, count: 1, net: lineNet, rebate: lineRebate, vat: lineVat, gross: amount },
  };
}

/** The mantissa of the last `exactScale` that answered a scale (for tests). */
export function exactMantissa() {
  return mantissa;
}
