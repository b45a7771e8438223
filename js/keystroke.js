// The keystroke path of validateItems: one plain item object read here, in JS, into its scaled
// integers for the core's `validateItem`, and the general path's answer built here from the
// amounts the core leaves in wasm memory as numbers (no text either way); an item the core refuses
// it answers there as the general path's text. Anything unusual answers null and the caller takes
// the general path, which reports it; like every object path
// (js/objects.js) it reads the caller's values before wasm is entered.
import {
  amountScale, currencyKeyCount, keyBits, mantissa, packedCode, prototypeClean, textOk, NAME, NUMBER, PRICE, QUANTITY,
  REBATE, UNIT, VAT,
} from "./objects.js";
import { ABSENT, TEXT_MAX } from "./limits.js";


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
    else if (currencyKeyCount(options) === 1) code = options.currency;
    else return null;
    if (typeof code !== "string" || (currency = packedCode(code)) === 0) return null;
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
  if ((k = amountScale(value)) < 0) return false;
  args[at] = mantissa[0];
  args[at + 1] = k;
  return true;
}



/**
 * The answer of a keystroke call from the core's eight amounts (`cells`, a view of wasm memory:
 * mantissa then scale of the price, quantity, vat, rebate and the line's net, rebate, vat and
 * amount): the same object, keys in the same order, as the general path's `{ ok: true, items,
 * lines, totals }`. The amounts are written here, as the core's `write_scaled` writes them.
 */
export function answerOfItem(read, cells) {
  const price = scaled(cells[0], cells[1]);
  const quantity = scaled(cells[2], cells[3]);
  const lineNet = scaled(cells[8], cells[9]);
  const lineRebate = scaled(cells[10], cells[11]);
  const lineVat = scaled(cells[12], cells[13]);
  const amount = scaled(cells[14], cells[15]);
  const view = {};
  if (read.number !== undefined) view.number = read.number;
  if (read.name !== undefined) view.name = read.name;
  view.price = price;
  view.quantity = quantity;
  if (read.unit !== undefined) view.unit = read.unit;
  if (cells[5] !== ABSENT) view.vat = scaled(cells[4], cells[5]);
  if (cells[7] !== ABSENT) view.rebate = scaled(cells[6], cells[7]);
  return {
    ok: true,
    items: [view],
    lines: [{ net: lineNet, rebate: lineRebate, vat: lineVat, amount }],
    totals: { currency: read.code, count: 1, net: lineNet, rebate: lineRebate, vat: lineVat, gross: amount },
  };
}

let decoder = null;

/** The text of a refused keystroke's answer, which the core leaves in wasm memory: `cells` (a view
 * of that memory) hold its address and length in bytes. */
export function refusalText(cells) {
  if (decoder === null) decoder = new TextDecoder();
  return decoder.decode(new Uint8Array(cells.buffer, cells[0], cells[1]));
}

/**
 * A safe integer `m` of scale `k` as decimal text with exactly `k` digits after the point, as the
 * core writes amounts (`money::rounding::write_scaled`): `String` writes every safe integer in
 * plain digits. Measured faster than decoding the same text from wasm memory.
 */
export function scaled(m, k) {
  if (k === 0) return String(m);
  const digits = String(m < 0 ? -m : m);
  const cut = digits.length - k;
  const text = cut > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : `0.${"0".repeat(-cut)}${digits}`;
  return m < 0 ? `-${text}` : text;
}
