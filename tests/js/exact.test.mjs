// The object path's number reading (js/objects.js exactScale) against the reference: the decimal
// that String(x) — what JSON.stringify writes and the general path parses — reads as. Over millions
// of doubles of every kind and the hard cases, every double it accepts is exactly that decimal,
// with a column's scale as a hint or without.
import test from "node:test";
import assert from "node:assert/strict";
import { decimalScale, exactScale, exactMantissa } from "../../pkg/objects.js";

/** String(x) as [mantissa as BigInt, digits after the point], or null for exponent notation. */
function reference(x) {
  let s = String(x);
  if (/[eE]/.test(s) || !Number.isFinite(x)) return null;
  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  const [int, frac = ""] = s.split(".");
  let digits = BigInt(int + frac);
  let k = frac.length;
  while (k > 0 && digits % 10n === 0n) {
    digits /= 10n;
    k--;
  }
  return [negative ? -digits : digits, k];
}

let accepted = 0, refused = 0, missed = 0;
function check(x) {
  const k = exactScale(x);
  const want = reference(x);
  if (k < 0) {
    refused++;
    assert.equal(exactScale(x, 1 + (refused % MAX_HINT)), -1, `${x} refused without a hint, read with one`);
    // A decimal of at most 6 digits after the point and a mantissa below 2^52 that was refused
    // only costs speed (the general path answers): counted, not an error.
    if (want && want[1] <= 6 && (want[0] < 0n ? -want[0] : want[0]) < 2n ** 52n) missed++;
    return;
  }
  accepted++;
  assert.ok(want, `${x} accepted as scale ${k} but String(x) is ${String(x)}`);
  const m = exactMantissa();
  assert.ok(Number.isSafeInteger(m), `${x}: mantissa ${m}`);
  assert.deepEqual([BigInt(m), k], want, `${x} (String ${String(x)}) read as ${m}e-${k}`);
  assert.ok(!Object.is(m, -0), `${x}: a -0 mantissa`);
  checkHinted(x, k, 1 + (accepted % MAX_HINT));
}

const MAX_HINT = 6;
/** exactScale(x, hint), the reading of a column whose largest scale so far is `hint`: it accepts
 * exactly what exactScale(x) accepts (`k`, the smallest scale), and answers the same decimal, at
 * the hint's scale (zeros kept) or at the smallest. */
function checkHinted(x, k, hint) {
  const [want, wantK] = [exactMantissa(), k];
  const got = exactScale(x, hint);
  assert.ok(got === hint || got === wantK, `${x} with hint ${hint}: scale ${got}, smallest ${wantK}`);
  assert.ok(got >= wantK);
  const m = exactMantissa();
  assert.ok(Number.isSafeInteger(m) && !Object.is(m, -0), `${x} with hint ${hint}: mantissa ${m}`);
  assert.equal(BigInt(m), BigInt(want) * 10n ** BigInt(got - wantK), `${x} with hint ${hint}: ${m}e-${got}`);
}

// mulberry32, seeded: the same doubles every run.
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bits = new BigUint64Array(1);
const float = new Float64Array(bits.buffer);
/** The double `steps` units in the last place from x (through its bits). */
function neighbour(x, steps) {
  float[0] = x;
  bits[0] = BigInt.asUintN(64, bits[0] + BigInt(steps));
  return float[0];
}

test("the hard cases read as String(x) reads them", () => {
  const hard = [
    999999999999.03125, 0.1 + 0.2, 0.1, 0.2, 0.3, 1.005, 2.675, 1.45, 8.345, 119.6, 29.9, 0.07, 1e-6, 1.5e-6, 1e-7,
    -0, 0, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MIN_VALUE, Number.EPSILON,
    2 ** 52, 2 ** 52 - 1, 2 ** 52 + 1, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2, (2 ** 52 - 1) / 1e6, 4503599627.370495,
    4503599627.370496, 9007199254.740991, 1e12, 1e12 + 0.5, 1e12 - 0.000001, 1e15, 1e21, 1e22, 123456789012.345678,
    0.000001, 0.0000015, 999999.999999, 0.999999, 0.9999995, 1 / 3, 2 / 3, NaN, Infinity, -Infinity,
    Number.MAX_VALUE, -999999999999.03125, 0.5, 2.5, -2.5, 1234.5678, 100, 1e5, 1e6 + 0.1,
  ];
  for (const x of hard) {
    check(x);
    for (let s = -3; s <= 3; s++) if (Number.isFinite(x) && x !== 0) check(neighbour(x, s));
  }
  assert.equal(exactScale(999999999999.03125), -1, "a tie of 6+ digits is not read");
  assert.equal(exactScale(0.1 + 0.2), -1);
  assert.equal(exactScale(-0), 0);
  assert.equal(exactMantissa(), 0);
  assert.ok(Object.is(exactMantissa(), 0));
  assert.equal(exactScale(5e-324), -1);
  assert.equal(exactScale(119.6), 1);
  assert.equal(exactMantissa(), 1196);
});

test("millions of doubles: every one accepted is String(x)'s decimal", () => {
  const rnd = prng(0x5eed);
  const N = 1_000_000;
  for (let i = 0; i < N; i++) {
    // Decimals as people write them: up to 16 digits, 0 to 7 after the point, either sign.
    const digits = 1 + Math.floor(rnd() * 16);
    const m = Math.floor(rnd() * 10 ** digits);
    const k = Math.floor(rnd() * 8);
    const x = (rnd() < 0.1 ? -m : m) / 10 ** k;
    check(x);
    // Their neighbours: doubles whose shortest text is long.
    check(neighbour(x, 1 + Math.floor(rnd() * 3)));
  }
  for (let i = 0; i < N; i++) {
    // Any bit pattern (mostly tiny or huge: refused) and uniform doubles in the amount range.
    bits[0] = (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
    check(float[0]);
    check(rnd() * 10 ** Math.floor(rnd() * 13));
  }
  console.log(`exactScale: ${accepted} accepted, ${refused} refused (${missed} of them plain decimals the general path reads)`);
  assert.ok(accepted > N / 2, `only ${accepted} accepted`);
});

test("prices as a cart holds them (0.01 to 100,000.00, quantities to 3 digits) are all read", () => {
  for (let c = 1; c <= 10_000_000; c += 7) {
    assert.equal(exactScale(c / 100), c % 10 === 0 ? (c % 100 === 0 ? 0 : 1) : 2, String(c / 100));
  }
  for (let q = 1; q <= 1_000_000; q++) assert.notEqual(exactScale(q / 1000), -1, String(q / 1000));
});

test("decimal strings: the plainest form read as the decimal it writes, anything else left to the general path", () => {
  // The reading is the text's own: mantissa and scale as written.
  const read = (s) => {
    const k = decimalScale(s);
    return k < 0 ? null : [exactMantissa(), k];
  };
  assert.deepEqual(read("12.50"), [1250, 2]);
  assert.deepEqual(read("0"), [0, 0]);
  assert.deepEqual(read("0.000001"), [1, 6]);
  assert.deepEqual(read("999999999999999"), [999999999999999, 0]);
  assert.deepEqual(read("99999999999.9999"), [999999999999999, 4]);
  for (const s of ["", "05", "00.5", "1.", ".5", "-1", "-0", "+1", " 1", "1 ", "1e2", "12,50", "0.0000001", "1234567890123456",
    "1.2.3", "0x10", "Infinity", "NaN", "\u0661", "１"]) {
    assert.equal(decimalScale(s), -1, s);
  }
  // Random plain decimals: the mantissa and scale spell the string again.
  let seed = 5;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < 200_000; i++) {
    const int = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 10)));
    const frac = rnd() < 0.7 ? String(Math.floor(rnd() * 1e6)).padStart(1 + Math.floor(rnd() * 6), "0").slice(0, 6) : "";
    const s = frac ? `${int}.${frac}` : int;
    const [m, k] = read(s);
    const digits = String(m).padStart(k + 1, "0");
    assert.equal(k ? `${digits.slice(0, -k)}.${digits.slice(-k)}` : digits, s);
  }
});
