import { isObject, JsonObject } from "./blocks";

/** One file of a Terraform configuration folder, already read as JSON (a *.tf.json, or a .tf through hcl2json). */
export interface ConfigFile {
  readonly name: string;
  readonly json: JsonObject;
}

/** `override.tf`, `override.tf.json`, `*_override.tf`, `*_override.tf.json`: Terraform's override files. */
export function isOverrideFile(name: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(name);
}

/** Top-level block types whose blocks are named by two labels (type and name). */
const TWO_LABELS = new Set(["resource", "data"]);
/** Top-level block types named by one label. */
const ONE_LABEL = new Set(["variable", "output", "module", "provider", "check", "ephemeral"]);

/**
 * The configuration Terraform reads from a folder's files: the primary files together (an
 * object declared twice is an error, as in Terraform), then each override file in name order
 * merged into it as https://developer.hashicorp.com/terraform/language/files/override says:
 * a block is matched by type and labels (a provider by name and alias, a local by name), each
 * argument in the override replaces the original's, nested blocks of a type given in the
 * override replace all of that type in the original (in JSON both are one key, so the key is
 * replaced), and `lifecycle` is merged argument by argument. An override of something the
 * primary files do not declare is an error, as in Terraform.
 */
export function mergeConfiguration(files: readonly ConfigFile[], invalid: (message: string) => Error): JsonObject {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const merged = new Merged();
  for (const f of sorted.filter((x) => !isOverrideFile(x.name))) merged.add(f, invalid);
  for (const f of sorted.filter((x) => isOverrideFile(x.name))) merged.override(f, invalid);
  return merged.toJson();
}

interface Named { readonly section: string; readonly labels: readonly string[]; body: JsonObject; readonly file: string }

class Merged {
  private readonly blocks = new Map<string, Named>();
  private readonly order: string[] = [];
  private readonly locals = new Map<string, unknown>();
  private readonly localFiles = new Map<string, string>();
  private readonly other: JsonObject[] = [];

  add(file: ConfigFile, invalid: (m: string) => Error): void {
    for (const b of topLevelBlocks(file, invalid)) {
      if (b.section === "locals") {
        for (const [name, value] of Object.entries(b.body)) {
          if (this.locals.has(name)) throw invalid(`local.${name} is declared in ${this.localFiles.get(name)} and again in ${file.name}; Terraform refuses a duplicate local value.`);
          this.locals.set(name, value);
          this.localFiles.set(name, file.name);
        }
        continue;
      }
      if (b.labels.length === 0) { this.other.push({ [b.section]: b.body }); continue; }
      const key = keyOf(b);
      const existing = this.blocks.get(key);
      if (existing) throw invalid(`${describe(b)} is declared in ${existing.file} and again in ${file.name}; Terraform refuses a duplicate (use an override file to change it).`);
      this.blocks.set(key, b);
      this.order.push(key);
    }
  }

  override(file: ConfigFile, invalid: (m: string) => Error): void {
    for (const b of topLevelBlocks(file, invalid)) {
      if (b.section === "locals") {
        for (const [name, value] of Object.entries(b.body)) {
          if (!this.locals.has(name)) throw invalid(`${file.name} overrides local.${name}, which no primary file declares; Terraform refuses an override of nothing.`);
          this.locals.set(name, value);
        }
        continue;
      }
      if (b.labels.length === 0) { this.other.push({ [b.section]: b.body }); continue; }
      const existing = this.blocks.get(keyOf(b));
      if (!existing) throw invalid(`${file.name} overrides ${describe(b)}, which no primary file declares; Terraform refuses an override of nothing.`);
      existing.body = mergeBody(existing.body, b.body);
    }
  }

  toJson(): JsonObject {
    const out: Record<string, Record<string, unknown>> = {};
    for (const key of this.order) {
      const b = this.blocks.get(key)!;
      const section = (out[b.section] ??= {});
      if (TWO_LABELS.has(b.section)) {
        const byType = (section[b.labels[0]] ??= {}) as Record<string, unknown>;
        byType[b.labels[1]] = b.body;
      } else if (b.section === "provider") {
        const list = (section[b.labels[0]] ??= []) as unknown[];
        list.push(b.body);
      } else {
        section[b.labels[0]] = b.body;
      }
    }
    if (this.locals.size > 0) out.locals = Object.fromEntries(this.locals);
    const json: JsonObject = { ...out };
    for (const o of this.other) for (const [k, v] of Object.entries(o)) json[k] = [...(Array.isArray(json[k]) ? json[k] as unknown[] : []), v];
    return json;
  }
}

function mergeBody(original: JsonObject, override: JsonObject): JsonObject {
  const out: JsonObject = { ...original };
  for (const [k, v] of Object.entries(override)) {
    if (k === "lifecycle") {
      const before = firstBlock(original.lifecycle);
      const after = firstBlock(v);
      out.lifecycle = before && after ? { ...before, ...after } : v;
    } else {
      out[k] = v;
    }
  }
  return out;
}

function firstBlock(v: unknown): JsonObject | undefined {
  if (Array.isArray(v)) return v.length === 1 && isObject(v[0]) ? v[0] : undefined;
  return isObject(v) ? v : undefined;
}

function keyOf(b: Named): string {
  if (b.section === "provider") return `provider\u0000${b.labels[0]}\u0000${typeof b.body.alias === "string" ? b.body.alias : ""}`;
  return [b.section, ...b.labels].join("\u0000");
}

function describe(b: Named): string {
  if (b.section === "resource") return b.labels.join(".");
  if (b.section === "data") return `data.${b.labels.join(".")}`;
  if (b.section === "provider") return `provider ${b.labels[0]}${typeof b.body.alias === "string" ? ` (alias ${b.body.alias})` : ""}`;
  return `${b.section}.${b.labels[0]}`;
}

/** Every top-level block of a file, in either JSON shape (object, or list of objects), each body once. */
function topLevelBlocks(file: ConfigFile, invalid: (m: string) => Error): Named[] {
  const out: Named[] = [];
  for (const [section, value] of Object.entries(file.json)) {
    if (section === "//") continue;
    for (const part of listOf(value)) {
      if (TWO_LABELS.has(section)) {
        if (!isObject(part)) throw invalid(`${file.name}: "${section}" must be an object keyed by type.`);
        for (const [type, byName] of Object.entries(part)) {
          for (const named of listOf(byName)) {
            if (!isObject(named)) throw invalid(`${file.name}: ${section === "data" ? "data." : ""}${type} must be an object keyed by name.`);
            for (const [name, body] of Object.entries(named)) {
              for (const one of bodies(body, `${section === "data" ? "data." : ""}${type}.${name}`, file, invalid)) out.push({ section, labels: [type, name], body: one, file: file.name });
            }
          }
        }
      } else if (ONE_LABEL.has(section)) {
        if (!isObject(part)) throw invalid(`${file.name}: "${section}" must be an object keyed by name.`);
        for (const [name, body] of Object.entries(part)) {
          // Several provider configurations of one type are a list (aliases); other blocks are one each.
          const list = section === "provider" ? listOf(body) : bodies(body, `${section}.${name}`, file, invalid);
          for (const one of list) if (isObject(one)) out.push({ section, labels: [name], body: one, file: file.name });
        }
      } else if (section === "locals") {
        if (isObject(part)) out.push({ section, labels: [], body: part, file: file.name });
      } else if (isObject(part)) {
        out.push({ section, labels: [], body: part, file: file.name });
      }
    }
  }
  return out;
}

/** A named block's body; a list of two bodies is two blocks of one name, which Terraform refuses. */
function bodies(body: unknown, what: string, file: ConfigFile, invalid: (m: string) => Error): JsonObject[] {
  if (Array.isArray(body)) {
    if (body.length > 1) throw invalid(`${file.name}: ${what} is declared ${body.length} times; Terraform refuses a duplicate, and reading only one would hide the others.`);
    return body.filter(isObject);
  }
  return isObject(body) ? [body] : [];
}

function listOf(section: unknown): unknown[] {
  return Array.isArray(section) ? section : section === undefined ? [] : [section];
}
