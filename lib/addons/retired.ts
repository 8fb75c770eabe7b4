import { CatalogRow } from "../catalog/row";

/** The warning for enabling a retired add-on, naming its replacement. */
export function retiredWarning(row: CatalogRow, path: string, prop: string): string {
  return `[${path}] ${prop}: ${row.name} was retired by AKS. ${row.note ?? ""} Use ${row.replacement} instead.`.replace(/\s+/g, " ");
}
