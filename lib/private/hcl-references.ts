import { TerraformDataSource, TerraformResource } from "cdktf";

/**
 * Makes `cdktf synth --hcl` (and `cdktn synth --hcl`) write this resource's `provider` and
 * `depends_on` as bare references. Both CDKs' HCL renderers quote them
 * (`provider = "kubernetes.aks"`), which Terraform 1.11 answers with "Quoted references are
 * deprecated" on every plan; the renderer writes a value marked as a reference verbatim.
 * The JSON output (`synth` without --hcl) is unchanged.
 */
export function unquoteHclReferences(resource: TerraformResource | TerraformDataSource): void {
  const render = resource.toHclTerraform.bind(resource);
  resource.toHclTerraform = () => {
    type Section = Record<string, Record<string, Record<string, unknown>>>;
    const hcl = render() as { resource?: Section; data?: Section };
    const section = TerraformDataSource.isTerraformDataSource(resource) ? hcl.data : hcl.resource;
    const body = section?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
    if (!body) return hcl;
    if (typeof body.provider === "string") body.provider = reference(body.provider);
    if (Array.isArray(body.depends_on)) body.depends_on = reference(`[${body.depends_on.join(", ")}]`);
    return hcl;
  };
}

/** What the renderer prints as it is: unquoted (tokens inside still resolve). */
function reference(value: string): { value: string; type: "simple"; storageClassType: "reference" } {
  return { value, type: "simple", storageClassType: "reference" };
}
