import { block, isObject, JsonObject } from "./blocks";
import { dependsOnAddresses, readElements, TerraformElement } from "./elements";
import { findRole } from "../roles";
import { expressionKey, literal, referencesIn } from "./expressions";

/** One way a configuration would fail `terraform plan`, found without a provider. */
export interface SemanticProblem {
  readonly kind: "cycle" | "duplicate-role-assignment" | "undeclared-reference" | "missing-block";
  /** The address the problem is about (the first of a cycle). */
  readonly address: string;
  readonly message: string;
}

/** Blocks of azurerm_kubernetes_cluster that exist only when configured (azurerm 4.55 flattens them to `[]` otherwise). */
const CLUSTER_OPTIONAL_BLOCKS = [
  "identity", "service_principal", "oms_agent", "ingress_application_gateway", "aci_connector_linux",
  "key_vault_secrets_provider", "web_app_routing", "azure_active_directory_role_based_access_control",
  "key_management_service", "api_server_access_profile", "microsoft_defender", "workload_autoscaler_profile",
];

/**
 * The dependency graph Terraform builds: an edge from each block to every block it
 * references or lists in depends_on, and from a resource to the provider configuration it
 * uses (a provider configured from a cluster's attributes depends on that cluster).
 */
export function dependencyGraph(elements: readonly TerraformElement[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const providers = new Set(elements.filter((e) => e.kind === "provider").map((e) => `provider.${e.address}`));
  for (const e of elements) {
    const node = e.kind === "provider" ? `provider.${e.address}` : e.address;
    const rest = { ...e.config };
    delete rest.depends_on;
    const edges = new Set<string>();
    for (const ref of referencesIn(rest)) edges.add(ref.address);
    for (const d of dependsOnAddresses(e.config)) edges.add(d);
    if (e.kind !== "provider") {
      const named = literal(e.config.provider);
      const provider = named !== undefined ? `provider.${named}` : `provider.${e.type.split("_")[0]}`;
      if (providers.has(provider)) edges.add(provider);
    }
    graph.set(node, edges);
  }
  return graph;
}

/** Every cycle of the graph (one path per strongly connected component), each as addresses ending where it began. */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's algorithm, iterative: stacks of thousands of blocks must not overflow the call stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edges: string[]; i: number }[] = [];
    const open = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: [...(graph.get(node) ?? [])].filter((n) => graph.has(n)), i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.i < top.edges.length) {
        const to = top.edges[top.i++];
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== top.node);
        const selfLoop = component.length === 1 && (graph.get(top.node)?.has(top.node) ?? false);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((c) => cyclePath(graph, new Set(c)));
}

/** A readable path through one strongly connected component: a -> b -> ... -> a. */
function cyclePath(graph: ReadonlyMap<string, ReadonlySet<string>>, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let at = start;
  for (;;) {
    const edges = [...(graph.get(at) ?? [])].filter((n) => members.has(n)).sort();
    const back = edges.find((n) => n === start);
    const forward = edges.find((n) => !seen.has(n));
    if (back !== undefined && (forward === undefined || path.length > 1)) return [...path, start];
    if (forward === undefined) return [...path, start];
    path.push(forward);
    seen.add(forward);
    at = forward;
  }
}

/**
 * What `terraform plan` would reject in one stack's Terraform JSON, checked without any
 * provider: a dependency cycle, two role assignments Azure would hold as one, a reference to
 * a block nobody declared, and an index into an azurerm_kubernetes_cluster block that the
 * configuration leaves out (azurerm returns `[]` for it: "Invalid index").
 */
export function checkTerraformSemantics(json: JsonObject): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const elements = readElements(json, "configuration", (m) => new Error(m));
  for (const cycle of findCycles(dependencyGraph(elements))) {
    problems.push({ kind: "cycle", address: cycle[0], message: `dependency cycle: ${cycle.join(" -> ")}` });
  }

  const declared = new Set(elements.filter((e) => e.kind !== "provider").map((e) => e.address));
  for (const name of Object.keys(isObject(json.variable) ? json.variable : {})) declared.add(`var.${name}`);
  for (const name of Object.keys(isObject(json.locals) ? json.locals : {})) declared.add(`local.${name}`);
  for (const name of Object.keys(isObject(json.module) ? json.module : {})) declared.add(`module.${name}`);
  const byAddress = new Map(elements.map((e) => [e.address, e]));
  const bodies: [string, unknown][] = [
    ...elements.map((e): [string, unknown] => [e.kind === "provider" ? `provider.${e.address}` : e.address, e.config]),
    ...Object.entries(isObject(json.output) ? json.output : {}).map(([k, v]): [string, unknown] => [`output.${k}`, v]),
    ...Object.entries(isObject(json.locals) ? json.locals : {}).map(([k, v]): [string, unknown] => [`local.${k}`, v]),
  ];
  for (const [from, body] of bodies) {
    for (const ref of referencesIn(body)) {
      // count.index, each.key, self.x, path.module, terraform.workspace: not blocks.
      if (/^(count|each|self|path|terraform)\b/.test(ref.address)) continue;
      if (!declared.has(ref.address)) {
        problems.push({ kind: "undeclared-reference", address: from, message: `${from} refers to ${ref.address}, which the configuration does not declare` });
        continue;
      }
      const target = byAddress.get(ref.address);
      if (target?.type !== "azurerm_kubernetes_cluster" || target.kind !== "resource") continue;
      const first = /^([a-z_]+)\[0\]/.exec(ref.attribute)?.[1];
      if (first === undefined) continue;
      const missing = CLUSTER_OPTIONAL_BLOCKS.includes(first) && block(target.config[first]) === undefined;
      // Add-on identities and the kubelet identity exist only on a managed-identity cluster.
      const noIdentity = (first === "kubelet_identity" || /^[a-z_]+\[0\]\.[a-z_]+_identity\[0\]/.test(ref.attribute)) && block(target.config.identity) === undefined;
      if (missing || noIdentity) {
        problems.push({ kind: "missing-block", address: from, message: `${from} reads ${ref.address}.${ref.attribute}, but ${missing ? `the cluster configures no ${first} block` : "the cluster has no managed identity (service principal), so azurerm leaves that identity empty"}: "Invalid index" at plan` });
      }
    }
  }

  const byGrant = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of elements.filter((x) => x.kind === "resource" && x.type === "azurerm_role_assignment")) {
    const roleText = literal(e.config.role_definition_name ?? e.config.role_definition_id);
    const role = roleText !== undefined ? findRole(roleText)?.guid ?? roleText.toLowerCase() : expressionKey(e.config.role_definition_name ?? e.config.role_definition_id);
    const scope = expressionKey(e.config.scope);
    const principal = expressionKey(e.config.principal_id);
    if (role !== undefined && scope !== undefined && principal !== undefined) {
      const key = `${scope}|${principal}|${role}`;
      const twin = byGrant.get(key);
      if (twin) problems.push({ kind: "duplicate-role-assignment", address: e.address, message: `${e.address} grants the same role on the same scope to the same principal as ${twin}` });
      else byGrant.set(key, e.address);
    }
    const name = typeof e.config.name === "string" ? e.config.name : undefined;
    if (name !== undefined) {
      const twin = byName.get(name);
      if (twin) problems.push({ kind: "duplicate-role-assignment", address: e.address, message: `${e.address} has the same name as ${twin}: ${name}` });
      else byName.set(name, e.address);
    }
  }
  return problems;
}
