/**
 * One linear, non-recursive pass over JSON text, before JSON.parse: how deep it nests, and
 * the first object key that appears twice. JSON.parse keeps the last of repeated keys, but
 * Terraform reads every one (two `"resource"` sections are two sets of resources), so a
 * reader that used JSON.parse alone would not see what Terraform plans.
 */
export interface JsonScan {
  readonly maxDepth: number;
  /** The first repeated key: its object's path (`resource.azurerm_role_assignment`), the key, and the line of its second use. */
  readonly duplicate?: { readonly path: string; readonly key: string; readonly line: number };
}

export function scanJson(text: string, findDuplicates: boolean): JsonScan {
  // One frame per open container: its keys (objects, when looking for duplicates) and the key it sits under.
  const frames: { keys?: Set<string>; under: string; object: boolean; expectKey: boolean }[] = [];
  let maxDepth = 0;
  let line = 1;
  let lastKey = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 34 /* " */) {
      let j = i + 1;
      let simple = true;
      while (j < text.length && text.charCodeAt(j) !== 34) {
        if (text.charCodeAt(j) === 92) { j++; simple = false; }
        j++;
      }
      const top = frames[frames.length - 1];
      if (top?.object && top.expectKey) {
        const rawKey = text.slice(i + 1, j);
        const key = simple ? rawKey : safeDecode(text.slice(i, j + 1));
        lastKey = key;
        if (findDuplicates) {
          if (top.keys!.has(key)) {
            const path = frames.slice(1).map((f) => f.under).join(".").replace(/\.\[\]/g, "[]");
            return { maxDepth, duplicate: { path: path === "" ? "(top level)" : path, key, line } };
          }
          top.keys!.add(key);
        }
        top.expectKey = false;
      }
      i = j;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const parent = frames[frames.length - 1];
      const under = parent ? (parent.object ? lastKey : "[]") : "";
      frames.push({ keys: c === 123 && findDuplicates ? new Set() : undefined, under, object: c === 123, expectKey: c === 123 });
      if (frames.length > maxDepth) maxDepth = frames.length;
      continue;
    }
    if (c === 125 || c === 93) { frames.pop(); continue; }
    if (c === 44 /* , */) {
      const top = frames[frames.length - 1];
      if (top?.object) top.expectKey = true;
    }
  }
  return { maxDepth };
}

function safeDecode(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
