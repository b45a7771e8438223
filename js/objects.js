// The object path: plain item objects read once, in JS, into per-call columns of scaled integers
// (itemTotals, and the summary settle-all in js/settlements.js) or into one item's
// scaled integers (the keystroke of validateItems, js/keystroke.js), both over the readers here, so the core runs
// the same rules and the same line and sum code as itemTotalsBatch without any JSON text. Anything
// unusual answers `null` here and the caller takes the general path (JSON.stringify and serde_json),
// which reports it. Every read of a caller's value happens here, before wasm is entered, so no
// user code (a getter, a Proxy trap) ever runs while wasm is on the stack.

import { MAX_ITEMS, MAX_ITEMS_INPUT, MAX_SCALE, TEXT_MAX } from "./limits.js";

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
/** Mantissas below this are exact, and at most one decimal of a scale reads as a given double. */
const MANTISSA_LIMIT = 2 ** 52;

/** The mantissa of the last `exactScale` or `decimalScale` that answered a scale, `mantissa[0]`:
 * a typed cell, so passing it on to a column allocates nothing (a module variable holding a double
 * is a heap number per store: 16 bytes per item, measured as a sixth of a call in garbage
 * collection). */
export const mantissa = new Float64Array(1);

/**
 * The decimal a double's shortest round-trip text (`String(x)`, what JSON.stringify writes) reads
 * as: `mantissa · 10^-k` for the returned k (0 to 6), or -1 when that is not certain. For any k
 * with `Math.round(x·10^k) / 10^k === x` and |m| < 2^52, m·10^-k rounds to x and, since the
 * doubles there are closer than 10^-k, no other decimal of k digits does; the shortest text of x
 * has at most k digits after the point and so is the same decimal (trailing zeros stripped). The
 * scale `hint` (a column's largest so far: its items mostly share it) is tried first, and when it
 * reads x the answer is at that scale, zeros kept, so the column has nothing to align; else the
 * scales are tried from 0 up and the smallest is answered. Either way the column's scale ends as
 * the largest of its cells' smallest scales.
 * tests/js/objects.test.mjs checks it against String(x) over millions of doubles and the hard cases.
 */
export function exactScale(x, hint = 0) {
  // Small, so that it is inlined where an item's field is read: a double passed to a call that is
  // not inlined is boxed into a new heap number first (measured: 32 bytes per item).
  if (hint > 0) {
    const p = POW10[hint];
    const m = Math.round(x * p);
    if (m / p === x && Math.abs(m) < MANTISSA_LIMIT) {
      mantissa[0] = m === 0 ? 0 : m;
      return hint;
    }
  }
  return smallestScale(x);
}

/** exactScale's tries from scale 0 up: the smallest that reads x, or -1. */
function smallestScale(x) {
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
    mantissa[0] = m === 0 ? 0 : m;
    return k;
  }
  return -1;
}

/** Most digits of a decimal string read here: its value stays exact as a double. */
const MAX_DIGITS = 15;

/**
 * The decimal a string amount writes, in its plainest form only (`"12.50"`: digits, no leading
 * zero but a lone one, an optional point followed by 1 to 6 digits, at most 15 digits): its scale
 * as written (trailing zeros kept; the core strips them, as it does reading the text), the
 * mantissa in `mantissa`; -1 for anything else (a sign, spaces, an exponent, a comma), which the
 * general path reads or refuses.
 */
export function decimalScale(s) {
  const n = s.length;
  if (n === 0 || n > MAX_DIGITS + 1) return -1;
  let m = 0;
  let k = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (k >= 0 || i === 0 || i === n - 1) return -1;
      k = 0;
    } else if (c >= 48 && c <= 57) {
      // A leading zero only before the point, or alone.
      if (i === 1 && m === 0 && k < 0) return -1;
      m = m * 10 + (c - 48);
      if (k >= 0) k++;
    } else {
      return -1;
    }
  }
  if (k > MAX_SCALE || (k < 0 ? n : n - 1) > MAX_DIGITS) return -1;
  mantissa[0] = m;
  return k < 0 ? 0 : k;
}

/** An amount as a number read exactly (`hint`: exactScale's) or a plain decimal string: its scale
 * (mantissa in `mantissa`), or -1. */
export function amountScale(v, hint = 0) {
  if (typeof v === "number") return exactScale(v, hint);
  if (typeof v === "string") return decimalScale(v);
  return -1;
}

/** A text field as the core's text rule accepts it (at most `max` characters, no control
 * character, i.e. Unicode's Cc as Rust's `char::is_control`, and no lone surrogate, which the core's
 * JSON reader refuses); else false. */
export function textOk(s, max) {
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

/** A control character (Unicode's Cc, Rust's `char::is_control`). */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/** `s.isWellFormed()` (no lone surrogate), or the same in JS where the engine lacks it (Node 18). */
const wellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (s) => s.isWellFormed()
    : (s) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = s.charCodeAt(i + 1);
          if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
          i++;
        }
      }
      return true;
    };

/** A text field of at most `max` code units not ending in a high surrogate (which, in a text of its
 * own, is lone): the part of the text rule read per item; the characters are `textsOk`'s. */
function textFits(s, max) {
  return typeof s === "string" && s.length <= max && (s.charCodeAt(s.length - 1) & 0xfc00) !== 0xd800;
}

/** True when no item field can be inherited from Object.prototype (read once per call). */
export function prototypeClean() {
  // Written out: `in` with a constant key is one inline-cached check (measured ~5 ns for the
  // seven), where a loop over the names took ~100–160 ns, a tenth of a keystroke.
  const p = Object.prototype;
  return !("number" in p || "name" in p || "price" in p || "quantity" in p || "unit" in p || "vat" in p || "rebate" in p);
}

// Bits of the fields: the keys for-in saw must be exactly those whose named load is defined (an
// own non-enumerable or inherited value, or a key set to undefined, sends the item the general way).
const VAT = 1, REBATE = 2, NUMBER = 4, NAME = 8, UNIT = 16, PRICE = 32, QUANTITY = 64;
export { NAME, NUMBER, PRICE, QUANTITY, REBATE, UNIT, VAT };

/** Whether `value` is an object whose prototype is `Object.prototype` or null, without a toJSON
 * (non-enumerable own, or inherited: what JSON.stringify would write instead). */
export function plainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && value.toJSON === undefined;
}

/** The field bits of an item's own enumerable keys, or -1 for anything but a plain object of
 * known keys. */
export function keyBits(item) {
  if (!plainObject(item)) return -1;
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

// Per-call columns, grown as needed; up to REUSED rows they are kept for the next call (a big
// settle-all allocates its own, which go with it).
const REUSED = 16_384;
/** Characters of texts joined before they are checked (`textsOk`): about 400 items. */
const TEXT_BLOCK = 8_192;
let kept = null;

/** Columns of at least `n` rows: each amount field's mantissas, at the column's scale so far. */
function newColumns(n) {
  return {
    capacity: n,
    price: new Float64Array(n),
    quantity: new Float64Array(n),
    vat: new Float64Array(n),
    rebate: new Float64Array(n),
  };
}

/** Columns for `n` rows, the kept ones when they are large enough. */
function columns(n) {
  if (n > REUSED) return newColumns(n);
  if (kept === null || kept.capacity < n) kept = newColumns(Math.max(n, 1024));
  return kept;
}

/** The columns of `c` in a set of at least `n` rows, the first `rows` copied. */
function grown(c, rows, n) {
  const bigger = newColumns(Math.max(n, 2 * c.capacity));
  for (const key of ["price", "quantity", "vat", "rebate"]) bigger[key].set(c[key].subarray(0, rows));
  return bigger;
}

/**
 * Puts `mantissa[0]` at scale `k` into row `i` of a column whose rows so far are at scale `scale`
 * (k differs from it): the cell brought up to the column's scale, or, when k is larger, the rows
 * before it brought up to k (at most six times per column and call: a scale only grows). Answers
 * the column's scale, or -1 when a value would pass 2^53 − 1. Keeping every cell at the running
 * scale leaves no second pass over the columns (measured: the pass over 10,000 rows cost ~10× per
 * row what it cost over 1,000, once the columns had left the cache).
 */
function place(values, i, k, scale) {
  if (k < scale) {
    const v = mantissa[0] * POW10[scale - k];
    if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return -1;
    values[i] = v;
    return scale;
  }
  const f = POW10[k - scale];
  for (let j = 0; j < i; j++) {
    const v = values[j] * f;
    if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return -1;
    values[j] = v;
  }
  values[i] = mantissa[0];
  return k;
}

/** Brings a column to one scale (the largest of its cells); false when a value would pass 2^53 − 1. */
export function align(values, scales, n, scale) {
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
 * One read of items into columns: `add(item)` puts a row (false: the item is anything but a plain
 * item object whose amounts are numbers read exactly and whose text fields keep the text rule),
 * `finish()` answers the item columns (each at its largest cell's scale) `[price, quantity, vat,
 * rebate, scaleJson]` of itemTotalsBatch (absent columns undefined). `bytes` bounds the length of
 * the items' JSON text.
 */
export class ItemReader {
  constructor(n) {
    this.c = columns(n);
    this.n = 0;
    this.bytes = 0;
    this.blob = "";
    this.maxP = 0; this.maxQ = 0; this.maxV = 0; this.maxR = 0;
    this.anyQ = false; this.anyV = false; this.anyR = false;
  }

  add(item) {
    const bits = keyBits(item);
    if (bits < 0 || (bits & PRICE) === 0) return false;
    const { number, name, price, quantity, unit, vat, rebate } = item;
    const i = this.n;
    if (i >= this.c.capacity) this.c = grown(this.c, i, i + 1);
    const c = this.c;
    let seen = PRICE;
    let bytes = 3;
    // The texts' characters are checked once per call, on all of them together (`textsOk`).
    if (number !== undefined) {
      if (!textFits(number, TEXT_MAX.number)) return false;
      this.blob += number;
      seen |= NUMBER;
      bytes += MEMBER + 2 + 3 * number.length;
    }
    if (name !== undefined) {
      if (!textFits(name, TEXT_MAX.name)) return false;
      this.blob += name;
      seen |= NAME;
      bytes += MEMBER + 2 + 3 * name.length;
    }
    if (unit !== undefined) {
      if (!textFits(unit, TEXT_MAX.unit)) return false;
      this.blob += unit;
      seen |= UNIT;
      bytes += MEMBER + 2 + 3 * unit.length;
    }
    let k;
    if ((k = amountScale(price, this.maxP)) < 0) return false;
    if (k === this.maxP) c.price[i] = mantissa[0];
    else if ((this.maxP = place(c.price, i, k, this.maxP)) < 0) return false;
    bytes += MEMBER + NUMBER_TEXT;
    if (quantity === undefined) {
      c.quantity[i] = POW10[this.maxQ];
    } else {
      if ((k = amountScale(quantity, this.maxQ)) < 0) return false;
      if (k === this.maxQ) c.quantity[i] = mantissa[0];
      else if ((this.maxQ = place(c.quantity, i, k, this.maxQ)) < 0) return false;
      this.anyQ = true;
      seen |= QUANTITY;
      bytes += MEMBER + NUMBER_TEXT;
    }
    // Absent vat and rebate are zero: the same line, and no rule refuses a zero where an absent
    // field is accepted (a price is always there).
    if (vat === undefined) {
      c.vat[i] = 0;
    } else {
      if ((k = amountScale(vat, this.maxV)) < 0) return false;
      if (k === this.maxV) c.vat[i] = mantissa[0];
      else if ((this.maxV = place(c.vat, i, k, this.maxV)) < 0) return false;
      this.anyV = true;
      seen |= VAT;
      bytes += MEMBER + NUMBER_TEXT;
    }
    if (rebate === undefined) {
      c.rebate[i] = 0;
    } else {
      if ((k = amountScale(rebate, this.maxR)) < 0) return false;
      if (k === this.maxR) c.rebate[i] = mantissa[0];
      else if ((this.maxR = place(c.rebate, i, k, this.maxR)) < 0) return false;
      this.anyR = true;
      seen |= REBATE;
      bytes += MEMBER + NUMBER_TEXT;
    }
    if (seen !== bits) return false;
    this.n = i + 1;
    this.bytes += bytes;
    // The texts are checked in blocks: a short joined string stays in the cache and in V8's
    // young generation (one call's 10,000 items' texts, ~200 KB, measured ~10 % slower checked whole).
    if (this.blob.length > TEXT_BLOCK) {
      if (!this.textsOk()) return false;
      this.blob = "";
    }
    return true;
  }

  /** True when every text added keeps the text rule's characters (no control character, no lone
   * surrogate): one regular expression and one well-formedness check over all the texts together
   * (measured ~2× cheaper per character than a check of each), which is exact because no text
   * added ends in a high surrogate (`textFits`) that could pair with the next text's start. */
  textsOk() {
    return !CONTROL.test(this.blob) && wellFormed(this.blob);
  }

  finish() {
    const { c, n } = this;
    return [
      c.price.subarray(0, n),
      this.anyQ ? c.quantity.subarray(0, n) : undefined,
      this.anyV ? c.vat.subarray(0, n) : undefined,
      this.anyR ? c.rebate.subarray(0, n) : undefined,
      `{"price":${this.maxP},"quantity":${this.maxQ},"vat":${this.maxV},"rebate":${this.maxR}}`,
    ];
  }
}

/**
 * The body of an itemTotals call as item columns `[price, quantity, vat, rebate, priceScale,
 * quantityScale, vatScale, rebateScale]` for the core's itemTotalsColumns (absent columns undefined),
 * or null when the body is anything but an array of 1 to
 * 10,000 plain item objects (or one such object) whose amounts are numbers read exactly and whose
 * text fields keep the text rule. What the batch core refuses the core answers in the same call
 * with the general path's error (src/api/refusals.rs), path and code. A throwing getter or Proxy
 * trap throws out of here; the caller takes the general path, which reports it.
 */
export function itemColumns(body) {
  const r = readBody(body);
  if (r === null) return null;
  const [price, quantity, vat, rebate] = r.finish();
  return [price, quantity, vat, rebate, r.maxP, r.maxQ, r.maxV, r.maxR];
}

/** The reader of a body's items (one plain item object or an array of 1 to 10,000), or null. */
function readBody(body) {
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
  const r = new ItemReader(n);
  for (let i = 0; i < n; i++) {
    if (!r.add(single ? body : body[i])) return null;
  }
  if (!r.textsOk()) return null;
  // The general path refuses a text longer than MAX_ITEMS_INPUT bytes: only bodies certainly
  // shorter come here.
  if (r.bytes + 2 > MAX_ITEMS_INPUT) return null;
  return r;
}

// The last currency code packed: a widget sends the same one on every call.
let lastCode = "";
let lastPacked = 0;

/** Three capital ASCII letters packed into an integer (the argument of the core's validateItem and
 * itemTotalsColumns), or 0 for any other text. */
export function packedCode(code) {
  if (code === lastCode) return lastPacked;
  if (code.length !== 3) return 0;
  let packed = 0;
  for (let i = 0; i < 3; i++) {
    const c = code.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    packed = (packed << 8) | c;
  }
  lastCode = code;
  lastPacked = packed;
  return packed;
}

/** Own enumerable keys of a plain options object (only `currency` known), or -1. */
export function currencyKeyCount(value) {
  if (!plainObject(value)) return -1;
  let n = 0;
  for (const key in value) {
    if (key !== "currency") return -1;
    n++;
  }
  return n;
}

/** The code of an itemTotals currency argument: a string, or the string of a plain `{ currency }`
 * (else undefined: the general path reads it). */
export function currencyCode(currency) {
  if (typeof currency === "string") return currency;
  return currencyKeyCount(currency) === 1 ? currency.currency : undefined;
}

/** The totals object of itemTotals from itemTotalsColumns's compact `count,net,rebate,vat,gross`: the
 * general path's object, keys in the same order. */
export function answerOfTotals(code, text) {
  // indexOf and slice: `split` measured twice as slow on a freshly decoded string.
  const a = text.indexOf(","), b = text.indexOf(",", a + 1), c = text.indexOf(",", b + 1);
  const d = text.indexOf(",", c + 1);
  return {
    currency: code, count: Number(text.slice(0, a)), net: text.slice(a + 1, b), rebate: text.slice(b + 1, c),
    vat: text.slice(c + 1, d), gross: text.slice(d + 1),
  };
}

/** The mantissa of the last `exactScale` that answered a scale (for tests). */
export function exactMantissa() {
  return mantissa[0];
}
