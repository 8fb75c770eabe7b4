import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { unquoteHclReferences } from "./hcl-references";

export interface TerraformDataConfig extends TerraformMetaArguments {
  /** Stored in state, reflected in `output`. @default - none */
  readonly input?: Record<string, unknown>;
  /** Replaces the resource (re-runs its provisioners) when it changes. @default - none */
  readonly triggersReplace?: Record<string, unknown>;
}

/**
 * Terraform's built-in `terraform_data`, written exactly as cdktf's DataResource writes it,
 * without DataResource's Terraform-version validation: that one runs `terraform version`
 * in a child process at every synth (75-100 ms per resource here, a third of the example
 * app's synth) and fails the synth outright on a machine with no terraform on PATH.
 */
export class TerraformData extends TerraformResource {
  private readonly input?: Record<string, unknown>;
  private readonly triggersReplace?: Record<string, unknown>;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this.input = config.input;
    this.triggersReplace = config.triggersReplace;
    unquoteHclReferences(this);
  }

  public get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      input: hashMapper(anyToTerraform)(this.input),
      triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      input: hashMapperHcl(anyToHclTerraform)(this.input),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace),
    };
  }
}
