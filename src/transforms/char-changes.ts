// What one conversion step changed in a string, as (from → to) pairs. Script
// conversion keeps the length, so the strings are compared character by
// character; a step that changes the length (a phrase such as 用戶→使用者) is
// compared by longest common subsequence, and each changed run is one pair.

export interface Change {
  from: string;
  to: string;
}

export function diffChanges(a: string, b: string): Change[] {
  if (a === b) return [];
  const x = [...a];
  const y = [...b];
  if (x.length === y.length) return x.flatMap((c, i) => (c === y[i] ? [] : [{ from: c, to: y[i]! }]));
  // LCS table, then walk it and collect the runs that differ.
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  let from = '';
  let to = '';
  const flush = () => {
    if (from || to) out.push({ from, to });
    from = '';
    to = '';
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) to += y[j++];
    else from += x[i++];
  }
  flush();
  return out;
}
