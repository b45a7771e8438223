// The keystroke path of validateItems: one plain item object read here, in JS, into its scaled
// integers for the core's `validateItem` (no JSON text either way), and the general path's answer
// built from the core's compact text. Anything unusual answers null and the caller takes the
// general path, which reports it; like every object path (js/objects.js) it reads the caller's
// values before wasm is entered.
import {
  amountScale, currencyKeyCount, keyBits, mantissa, packedCode, prototypeClean, textOk, NAME, NUMBER, PRICE, QUANTITY,
  REBATE, TEXT_MAX, UNIT, VAT,
} from "./objects.js";

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
 * The answer of a keystroke call from the core's compact text (`price,quantity,vat,rebate,net,
 * rebate,vat,amount`, absent parts empty): the same object, keys in the same order, as the
 * general path's `{ ok: true, items, lines, totals }`. The parts are cut with indexOf and slice,
 * measured twice as fast as `split` on a freshly decoded string.
 */
export function answerOfItem(read, text) {
  let a = 0;
  let b = text.indexOf(",");
  const price = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const quantity = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const vat = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const rebate = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const lineNet = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const lineRebate = text.slice(a, b);
  b = text.indexOf(",", (a = b + 1));
  const lineVat = text.slice(a, b);
  const amount = text.slice(b + 1);
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

