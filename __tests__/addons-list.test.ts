import { ADDONS, AddonsProps, CATALOG_ROWS, PropsOf } from "../lib/addons/all";

// Compile-time checks, run by `tsc --noEmit` in `npm test`: the documented AddonsProps and the
// add-on list must agree key for key and type for type, so an add-on missing from either is
// a type error here rather than a prop the cluster silently ignores.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type ListedProps = { readonly [D in (typeof ADDONS)[number] as D["key"]]?: PropsOf<D> };
const keysMatch: Equals<keyof AddonsProps, keyof ListedProps> = true;
const typesMatch: Equals<AddonsProps, ListedProps> = true;

describe("the add-on list", () => {
  test("AddonsProps and the list agree (checked by the compiler)", () => {
    expect([keysMatch, typesMatch]).toEqual([true, true]);
  });

  test("each add-on has its own key, construct-id prefix and catalog row", () => {
    const keys = ADDONS.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ADDONS.map((a) => a.idPrefix)).size).toBe(keys.length);
    for (const a of ADDONS) expect(a.catalog.key).toBe(a.key);
    for (const a of ADDONS) expect(CATALOG_ROWS).toContain(a.catalog);
  });

  test("an add-on whose identity azurerm exports names its block, identity list and output once", () => {
    const withIdentity = ADDONS.filter((a) => "identity" in a);
    expect(withIdentity.map((a) => a.key)).toEqual(["ingressApplicationGateway", "monitoring", "virtualNode", "keyVaultSecretsProvider", "webAppRouting"]);
    for (const a of withIdentity) {
      const spec = (a as { identity: { block: string; attribute: string; output: string } }).identity;
      expect(a.catalog.azurermName).toBe(spec.block);
      expect(a.catalog.exportedIdentity).toBe(`\`${spec.block}[0].${spec.attribute}[0]\``);
    }
  });

  test("the catalog's rows are in the article's order, each key once", () => {
    expect(CATALOG_ROWS.map((r) => r.order)).toEqual([...CATALOG_ROWS.map((r) => r.order)].sort((a, b) => a - b));
    expect(new Set(CATALOG_ROWS.map((r) => r.key)).size).toBe(CATALOG_ROWS.length);
  });
});
