import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformProvider, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { resolveTokens } from "../private/resolve";
import { isLiteral } from "../private/validate";

/**
 * The azurerm provider configuration that looks things up in a subscription. Data sources such
 * as azurerm_user_assigned_identity take no subscription (4.55,
 * user_assigned_identity_data_source.go: the ID is built from the provider's subscription), so a
 * resource in another subscription needs a provider configured for it: "multiple Provider blocks
 * ... to work with resources across multiple Subscriptions" (azurerm website/docs/index.html.markdown).
 *
 * The stack's default azurerm provider when it names that subscription; otherwise one aliased
 * provider per subscription, made on first use with the default provider's settings (credentials,
 * cloud) and that subscription.
 */
export function providerForSubscription(scope: IConstruct, subscriptionId: string): TerraformProvider | undefined {
  const stack = TerraformStack.of(scope);
  const providers = stack.node.findAll().filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === "azurerm");
  const config = (p: TerraformProvider) => {
    const blocks = (resolveTokens(stack, p.toTerraform()) as { provider?: { azurerm?: Record<string, unknown>[] } }).provider?.azurerm ?? [];
    return blocks[0] ?? {};
  };
  const defaultProvider = providers.find((p) => config(p).alias === undefined);
  const sameSubscription = (p: TerraformProvider) => {
    const sub = config(p).subscription_id;
    return isLiteral(sub) && sub.toLowerCase() === subscriptionId.toLowerCase();
  };
  if (defaultProvider && sameSubscription(defaultProvider)) return undefined;
  const alias = `subscription_${subscriptionId.slice(0, 8).toLowerCase()}`;
  const existing = providers.find((p) => config(p).alias === alias);
  if (existing) return existing;
  const provider = new AzurermProvider(stack, `azurerm-${alias}`, { features: [{}], alias, subscriptionId });
  const inherited = defaultProvider ? config(defaultProvider) : {};
  for (const [key, value] of Object.entries(inherited)) {
    if (key === "alias" || key === "subscription_id" || key === "features" || key === "//") continue;
    provider.addOverride(key, value);
  }
  return provider;
}
