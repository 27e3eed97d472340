// pytest's NUMBER option: a float in the expected output matches any number that equals it to the
// precision written there (`3.14` matches `3.14159`; `1e-3` matches `0.00099`, within 10**-3). As in
// pytest, numbers are paired in order, and nothing changes when their counts differ.

// pytest's _number_re: a float with a fraction or an exponent (plain integers are left alone).
const NUMBER = /(?<![\w.])([+-]?)(?:(\d*)\.(\d+)|(\d+)\.)(?:[Ee]([+-]?\d+))?(?![\w.])|(?<![\w.])([+-]?\d+)[Ee]([+-]?\d+)(?![\w.])/g;

interface Found {
  start: number;
  end: number;
  text: string;
  value: number;
  precision: number;
}

function numbers(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const fraction = m[3];
    const exponent = m[5] ?? m[7];
    let precision = fraction === undefined ? 0 : fraction.length;
    if (exponent !== undefined) precision -= Number(exponent);
    out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], value: Number(m[0]), precision });
  }
  return out;
}

/** `got` with each number that matches its expected counterpart (to the written precision) replaced by it. */
export function applyNumberPrecision(want: string, got: string): string {
  const wants = numbers(want);
  const gots = numbers(got);
  if (wants.length !== gots.length) return got;
  let out = '';
  let at = 0;
  gots.forEach((g, i) => {
    const w = wants[i]!;
    // pytest: float(w) == approx(float(g), abs=10**-precision) (approx's rel=1e-6 also applies).
    const tolerance = Math.max(10 ** -w.precision, 1e-6 * Math.abs(g.value));
    const same = Math.abs(w.value - g.value) <= tolerance;
    out += got.slice(at, g.start) + (same ? w.text : g.text);
    at = g.end;
  });
  return out + got.slice(at);
}
