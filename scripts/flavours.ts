import * as path from "path";
import * as ts from "typescript";
import FLAVOUR_FILE from "../flavours/flavours.json";

/** One flavour's facts (flavours/flavours.json): where its CDK is installed and what its package is. */
export interface Flavour {
  readonly title: string;
  /** node_modules holding its cdktf (or cdktn), azurerm bindings and constructs. */
  readonly modules: string;
  /** Its CLI. */
  readonly cli: string;
  /** The Node its CLI needs, when the machine's is too old (cdktn-cli: >= 22.19). */
  readonly node: string | null;
  readonly tsconfig: string;
  readonly buildTsconfig: string;
  /** Packages the sources name that this flavour installs under another name. */
  readonly rename: Readonly<Record<string, string>>;
  /** What its package.json changes from the repository's. */
  readonly package: { readonly name?: string; readonly description?: string; readonly peerDependencies?: Readonly<Record<string, string>>; readonly engines?: Readonly<Record<string, string>> };
}

export type FlavourName = keyof typeof FLAVOUR_FILE;
export const FLAVOURS: Readonly<Record<FlavourName, Flavour>> = FLAVOUR_FILE;
export const ROOT = path.resolve(__dirname, "..");
export const FLAVOUR_NAMES = Object.keys(FLAVOURS) as FlavourName[];

export function isFlavour(name: string): name is FlavourName {
  return Object.prototype.hasOwnProperty.call(FLAVOURS, name);
}

/**
 * The environment to run a flavour's CLI or app in: that flavour's tsconfig for tsx, and its
 * Node first on PATH, so the CLI and the app it starts both run on it.
 */
export function flavourEnv(flavour: FlavourName, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const f = FLAVOURS[flavour];
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: "1", TSX_TSCONFIG_PATH: path.join(ROOT, f.tsconfig) };
  if (f.node) env.PATH = `${path.dirname(path.join(ROOT, f.node))}${path.delimiter}${env.PATH ?? ""}`;
  return env;
}

/**
 * The module specifier a flavour's compiled code uses for one the sources wrote. Sources
 * import cdktf, its azurerm bindings and `#flavour`; tsconfig `paths` resolve those at compile
 * time but leave the text as written, so emitted code is rewritten: `#flavour` becomes the
 * relative path of lib/flavour/<flavour>, and a renamed package (cdktf -> cdktn) its new name.
 */
export function flavourSpecifier(flavour: FlavourName, specifier: string, fromFile: string): string {
  if (specifier === "#flavour") {
    const target = path.relative(path.dirname(fromFile), path.join(ROOT, "lib", "flavour", flavour)).split(path.sep).join("/");
    return target.startsWith(".") ? target : `./${target}`;
  }
  for (const [from, to] of Object.entries(FLAVOURS[flavour].rename)) {
    if (specifier === from || specifier.startsWith(`${from}/`)) return `${to}${specifier.slice(from.length)}`;
  }
  return specifier;
}

/** A transformer for `program.emit` (`after` for JS, `afterDeclarations` for .d.ts) that applies flavourSpecifier. */
export function flavourSpecifierTransformer<T extends ts.SourceFile | ts.Bundle>(flavour: FlavourName): ts.TransformerFactory<T> {
  return (context) => (root: T): T => {
    if (!ts.isSourceFile(root)) return root;
    const f = context.factory;
    const rewrite = (literal: ts.StringLiteral): ts.StringLiteral | undefined => {
      const to = flavourSpecifier(flavour, literal.text, root.fileName);
      return to === literal.text ? undefined : f.createStringLiteral(to);
    };
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = rewrite(node.moduleSpecifier);
        if (to) node = f.updateImportDeclaration(node, node.modifiers, node.importClause, to, node.attributes);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = rewrite(node.moduleSpecifier);
        if (to) node = f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, to, node.attributes);
      } else if (isRequireOrImportCall(node)) {
        const to = rewrite(node.arguments[0] as ts.StringLiteral);
        if (to) node = f.updateCallExpression(node, node.expression, node.typeArguments, [to]);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const to = rewrite(node.argument.literal);
        if (to) node = f.updateImportTypeNode(node, f.createLiteralTypeNode(to), node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
      } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
        const to = rewrite(node.expression);
        if (to) node = f.updateExternalModuleReference(node, to);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(root, visit) as T;
  };
}

function isRequireOrImportCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) &&
    (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"));
}

/** Every module specifier in a TypeScript or JavaScript text (imports, exports, require, import(), import types). */
export function moduleSpecifiers(text: string, fileName = "file.ts"): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (isRequireOrImportCall(node)) found.push((node.arguments[0] as ts.StringLiteral).text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) found.push(node.expression.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true));
  return found;
}

/**
 * The specifiers in compiled code that belong to no flavour or to another one: `#flavour`
 * (never resolvable in an installed package) and every package another flavour renames to.
 * What a flavour's dist must not contain; empty when it is clean.
 */
export function foreignSpecifiers(flavour: FlavourName, specifiers: string[]): string[] {
  const own = FLAVOURS[flavour].rename;
  const foreign = new Set<string>(Object.keys(own));
  for (const other of FLAVOUR_NAMES.filter((n) => n !== flavour)) {
    for (const [from, to] of Object.entries(FLAVOURS[other].rename)) if (own[from] !== to) foreign.add(to);
  }
  return specifiers.filter((s) => s === "#flavour" || [...foreign].some((p) => s === p || s.startsWith(`${p}/`)));
}

/** Rewrites the module specifiers of a TypeScript source text (imports and exports), leaving the rest as written. */
export function rewriteSourceSpecifiers(text: string, map: (specifier: string) => string, fileName = "file.ts"): string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const literal = statement.moduleSpecifier;
      const to = map(literal.text);
      if (to !== literal.text) edits.push({ start: literal.getStart(source), end: literal.getEnd(), text: JSON.stringify(to) });
    }
  }
  return edits.reverse().reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
