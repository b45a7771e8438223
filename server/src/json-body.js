// Reading a JSON body without losing an amount. JSON.parse turns 999999999999.999999 into
// 1000000000000: a double holds only ~16 digits. The package takes decimal strings wherever it takes
// a number, so a number whose text a double does not hold exactly is handed on as its text (the
// package then accepts or refuses it on its own rules); every other number is parsed as usual.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON.parse, exact for numbers. Throws SyntaxError for text that is not JSON. */
export function parseJsonExact(text) {
  let out = null; // built only when some number needs quoting
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue; // not a number: JSON.parse reports it
      const token = m[0];
      if (!exact(token)) {
        out ??= [];
        out.push(text.slice(copied, i), `"${token}"`);
        copied = i + token.length;
      }
      i += token.length - 1;
    }
  }
  return JSON.parse(out ? out.join("") + text.slice(copied) : text);
}

/** Whether the double nearest to the decimal `token` is exactly that decimal. */
function exact(token) {
  if (token.length <= 15 && !/[eE]/.test(token)) return true; // ≤ 15 digits always round-trip
  return canonical(token) === canonical(String(Number(token)));
}

/** A decimal as "digits e exponent", without leading or trailing zeros; zero (any sign) is "0". */
function canonical(text) {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text; // "Infinity": never equal to a decimal
  const frac = m[2] ?? "";
  let digits = (m[1] + frac).replace(/^0+/, "");
  let exp = Number(m[3] ?? 0) - frac.length;
  if (digits === "") return "0";
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return `${text.startsWith("-") ? "-" : ""}${digits}e${exp}`;
}
