// Reading a JSON body without losing an amount. JSON.parse turns 999999999999.999999 into
// 1000000000000: a double holds only ~16 digits. The package takes decimal strings wherever it takes
// a number, so a number whose text a double does not hold exactly is handed on as its text (the
// package then accepts or refuses it on its own rules); every other number is parsed as usual.
// An object that names a key twice is refused (JSON.parse would keep the last, where another reader
// of the same text may keep the first): DuplicateKeyError, with the JSON Pointer of the second.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export class DuplicateKeyError extends SyntaxError {
  constructor(path) {
    super(`the key at ${path} appears twice in its object`);
    this.path = path;
  }
}

/**
 * JSON.parse, exact for numbers. Throws SyntaxError for text that is not JSON, DuplicateKeyError
 * (a SyntaxError) for an object with a key twice. No recursion: any depth is scanned.
 */
export function parseJsonExact(text) {
  let out = null; // built only when some number needs quoting
  let copied = 0;
  // The containers open around the scanner: { keys: Set, key, expectKey } for an object, { index }
  // for an array; the first duplicate's pointer once found.
  const open = [];
  let duplicate = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: its end is the next quote not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end === -1) break;
        let b = end - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((end - 1 - b) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) break; // unterminated: JSON.parse reports it
      const top = open[open.length - 1];
      if (top?.keys && top.expectKey) {
        let key = text.slice(i + 1, end);
        if (key.includes("\\")) {
          try {
            key = JSON.parse(text.slice(i, end + 1));
          } catch {
            key = null; // not a string JSON reads: JSON.parse reports it
          }
        }
        if (key !== null) {
          if (duplicate === null && top.keys.has(key)) duplicate = pointer(open, key);
          top.keys.add(key);
          top.key = key;
        }
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b) {
      open.push({ keys: new Set(), key: null, expectKey: true });
    } else if (c === 0x5b) {
      open.push({ index: 0 });
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
    } else if (c === 0x2c) {
      const top = open[open.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
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
  const value = JSON.parse(out ? out.join("") + text.slice(copied) : text);
  if (duplicate !== null) throw new DuplicateKeyError(duplicate);
  return value;
}

/** The RFC 6901 pointer of `key` in the innermost open object. */
function pointer(open, key) {
  const step = (s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`;
  let path = "";
  for (let d = 0; d < open.length - 1; d++) path += step(open[d].keys ? open[d].key : open[d].index);
  return path + step(key);
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
