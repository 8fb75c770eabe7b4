import { cidrContains, cidrsOverlap, parseCidr, parseIpv4 } from "../private/cidr";
import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { expressionKey, literal } from "../terraform-json/expressions";
import { ConstructStackModel, ElementView } from "./stack-model";

/** Rule 12: the DNS service IP inside the service CIDR, and the service CIDR clear of the node subnet. */
export const AKSID012: GuardrailRule = {
  id: "AKSID012",
  level: "error",
  message: "dns_service_ip must be inside service_cidr, and service_cidr must not overlap the node subnet's address space.",
  why: "AKS rejects both at create time (ServiceCidrOverlapExistingSubnetsCidr), after the identities and grants were already made.",
  fix: "pick a service CIDR outside the VNet's address space (e.g. 10.2.0.0/24 for a 10.1.0.0/16 VNet) and the .10 address of it as dns_service_ip.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const profile = block(cluster.config.network_profile);
    const serviceCidrText = literal(profile?.service_cidr);
    const serviceCidr = serviceCidrText === undefined ? undefined : parseCidr(serviceCidrText);
    if (!profile || !serviceCidr) return [];
    const findings: RuleFinding[] = [];
    const dnsText = literal(profile.dns_service_ip);
    const dns = dnsText === undefined ? undefined : parseIpv4(dnsText);
    if (dns !== undefined && (!cidrContains(serviceCidr, dns) || dns - serviceCidr.network < 2 || dns === serviceCidr.network + serviceCidr.size - 1)) {
      findings.push({ element: cluster, attribute: "network_profile.dns_service_ip", value: dnsText,
        message: `dns_service_ip must be inside service_cidr ${serviceCidrText}, and not its network, first (the kubernetes service) or broadcast address.`,
        fix: "pick an address such as the .10 of the service CIDR." });
    }
    for (const { subnet, prefix } of subnetPrefixes(stack, stack.target(stack.subnetOf(cluster)))) {
      const cidr = parseCidr(prefix);
      if (cidr && cidrsOverlap(cidr, serviceCidr)) {
        findings.push({ element: cluster, attribute: "network_profile.service_cidr", value: serviceCidrText,
          message: `service_cidr overlaps ${subnet.address}'s address prefix ${prefix}, in the cluster's VNet.` });
      }
    }
    return findings;
  }),
};

/** The node subnet's prefixes and those of its sibling subnets in the same VNet. */
function subnetPrefixes(stack: ConstructStackModel, nodeSubnet: ElementView | undefined): { subnet: ElementView; prefix: string }[] {
  if (!nodeSubnet || nodeSubnet.type !== "azurerm_subnet") return [];
  const vnet = expressionKey(nodeSubnet.config.virtual_network_name);
  const siblings = stack.resources("azurerm_subnet").filter((s) => s === nodeSubnet ||
    (vnet?.startsWith("${") && expressionKey(s.config.virtual_network_name) === vnet));
  return siblings.flatMap((subnet) => (Array.isArray(subnet.config.address_prefixes) ? subnet.config.address_prefixes : [])
    .map((p: unknown) => literal(p))
    .filter((p: string | undefined): p is string => p !== undefined)
    .map((prefix: string) => ({ subnet, prefix })));
}
