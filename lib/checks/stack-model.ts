import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { parseResourceId } from "../private/resource-id";
import { BuiltInRole, findRole } from "../roles";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A synthesized, resolved Terraform block: snake_case keys, references as `${...}` strings. */
export type Config = Record<string, any>;

/** One resource, data source or provider of a stack, as Terraform will see it. */
export interface ElementView {
  readonly kind: "resource" | "data" | "provider";
  /** `azurerm_kubernetes_cluster`, or the provider's name. */
  readonly type: string;
  /** `azurerm_kubernetes_cluster.x`, `data.azurerm_subnet.y`, or the provider's `azurerm` / `azurerm.alias`. */
  readonly address: string;
  readonly path: string;
  readonly construct: IConstruct;
  readonly config: Config;
}

/** A role assignment with its role recognised by name or definition id. */
export interface RoleAssignmentView {
  readonly element: ElementView;
  /** The built-in role, when the name or id is known at synth. */
  readonly role?: BuiltInRole;
  readonly scope: unknown;
  readonly principalId: unknown;
}

const PURE_REF = /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)\}$/;
const ANY_REF = /\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g;

/** True for a value Terraform only knows at plan or apply time: value checks skip it. */
export function isUnknown(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(isUnknown);
  return false;
}

/** A literal string known at synth (not a reference or expression). */
export function literal(value: unknown): string | undefined {
  return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** `${azurerm_x.y.attr[0].z}` as { address: "azurerm_x.y", attribute: "attr[0].z" }; anything else undefined. */
export function parseRef(value: unknown): { address: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = PURE_REF.exec(value);
  if (!m) return undefined;
  return { address: m[1], attribute: m[2].replace(/\.(\d+)(?=\.|$|\[)/g, "[$1]").replace(/^\./, "") };
}

/**
 * A comparable key for an id or principal: the canonical reference for `${...}`, the
 * lower-cased string for a literal (Azure ids are case-insensitive), undefined otherwise.
 */
export function valueKey(value: unknown): string | undefined {
  const ref = parseRef(value);
  if (ref) return `\${${ref.address}.${ref.attribute}}`;
  const lit = literal(value);
  return lit === undefined ? undefined : lit.toLowerCase();
}

/** A single nested block, whichever shape the config uses (object, or list of one). */
export function block(value: unknown): Config | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === "object" ? (v as Config) : undefined;
}

/** Every address a value refers to, anywhere inside it. */
export function referencedAddresses(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    for (const m of value.matchAll(ANY_REF)) into.add(m[1]);
  } else if (Array.isArray(value)) {
    value.forEach((v) => referencedAddresses(v, into));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "//") referencedAddresses(v, into);
  }
  return into;
}

/** A stack's resources, data sources and providers, resolved once for every rule. */
export class StackModel {
  /** Resolves every element of a stack, escape-hatch overrides included. */
  public static of(stack: TerraformStack): StackModel {
    const elements: ElementView[] = [];
    for (const node of stack.node.findAll()) {
      if (TerraformResource.isTerraformResource(node)) {
        elements.push(...fromJson(stack, node, "resource"));
      } else if (TerraformDataSource.isTerraformDataSource(node)) {
        elements.push(...fromJson(stack, node, "data"));
      } else if (TerraformProvider.isTerraformProvider(node)) {
        const json = resolve(stack, node.toTerraform()) as { provider: Record<string, Config[]> };
        for (const [type, [config]] of Object.entries(json.provider)) {
          const alias = literal(config.alias);
          elements.push({ kind: "provider", type, address: alias ? `${type}.${alias}` : type, path: node.node.path, construct: node, config });
        }
      }
    }
    return new StackModel(elements);
  }

  private readonly byAddress: Map<string, ElementView>;

  constructor(public readonly elements: readonly ElementView[]) {
    this.byAddress = new Map(elements.map((e) => [e.address, e]));
  }

  public get(address: string): ElementView | undefined {
    return this.byAddress.get(address);
  }

  public resources(type: string): ElementView[] {
    return this.elements.filter((e) => e.kind === "resource" && e.type === type);
  }

  public get clusters(): ElementView[] {
    return this.resources("azurerm_kubernetes_cluster");
  }

  public get roleAssignments(): RoleAssignmentView[] {
    return this.resources("azurerm_role_assignment").map((element) => ({
      element,
      role: this.roleOf(element.config),
      scope: element.config.scope,
      principalId: element.config.principal_id,
    }));
  }

  /** The element a pure reference points at. */
  public target(value: unknown): ElementView | undefined {
    const ref = parseRef(value);
    return ref ? this.get(ref.address) : undefined;
  }

  /** What an element waits for: its depends_on and every element its attributes reference. */
  public waitsFor(element: ElementView): Set<string> {
    const { depends_on: dependsOn, ...rest } = element.config;
    const addresses = referencedAddresses(rest);
    for (const d of Array.isArray(dependsOn) ? dependsOn : []) {
      if (typeof d === "string") addresses.add(d.replace(/^\$\{(.*)\}$/, "$1"));
    }
    return addresses;
  }

  /** The provider configuration a resource uses (its `provider` meta-argument, else the default one). */
  public providerOf(element: ElementView, providerType = "azurerm"): ElementView | undefined {
    const named = literal(element.config.provider);
    return this.get(named ?? providerType);
  }

  /** The cluster's control-plane identity type, when known at synth. */
  public identityType(cluster: ElementView): "SystemAssigned" | "UserAssigned" | "ServicePrincipal" | string | undefined {
    const identity = block(cluster.config.identity);
    if (identity) return literal(identity.type);
    return block(cluster.config.service_principal) ? "ServicePrincipal" : undefined;
  }

  /** The cluster's node subnet: its default node pool's `vnet_subnet_id`. */
  public subnetOf(cluster: ElementView): unknown {
    return block(cluster.config.default_node_pool)?.vnet_subnet_id;
  }

  /** Keys (see {@link valueKey}) of the VNet that holds a subnet, as far as the stack tells. */
  public vnetKeysOf(subnetId: unknown): string[] {
    const keys: string[] = [];
    const lit = literal(subnetId);
    if (lit) {
      const i = lit.toLowerCase().lastIndexOf("/subnets/");
      if (i > 0) keys.push(lit.slice(0, i).toLowerCase());
    }
    const subnet = this.target(subnetId);
    if (subnet) {
      const vnet = this.target(subnet.config.virtual_network_name);
      if (vnet) keys.push(`\${${vnet.address}.id}`);
    }
    return keys;
  }

  /**
   * Keys of the principal id of a user-assigned identity given by its resource id: the
   * identity resource's or lookup's `principal_id` when the stack has it.
   */
  public principalKeysOfIdentity(identityId: unknown): string[] {
    const ref = parseRef(identityId);
    if (ref && ref.attribute === "id") {
      const el = this.get(ref.address);
      if (el && el.type === "azurerm_user_assigned_identity") return [`\${${el.address}.principal_id}`];
      return [];
    }
    const lit = literal(identityId);
    if (!lit) return [];
    const parsed = parseResourceId(lit);
    if (!parsed?.name || !parsed.resourceGroup) return [];
    // An identity this stack creates or looks up, by name and resource group.
    return this.elements
      .filter((e) => e.type === "azurerm_user_assigned_identity" && e.kind !== "provider" &&
        literal(e.config.name)?.toLowerCase() === parsed.name!.toLowerCase() &&
        literal(e.config.resource_group_name)?.toLowerCase() === parsed.resourceGroup!.toLowerCase())
      .map((e) => `\${${e.address}.principal_id}`);
  }

  /**
   * Keys of the principal ids that are this cluster's control-plane identity. `linked` is
   * false when the stack does not tell which principal that is (an identity outside it).
   */
  public controlPlanePrincipals(cluster: ElementView): { keys: Set<string>; linked: boolean } {
    const keys = new Set([`\${${cluster.address}.identity[0].principal_id}`]);
    let linked = true;
    if (this.identityType(cluster) === "UserAssigned") {
      const ids = block(cluster.config.identity)?.identity_ids;
      const id = Array.isArray(ids) ? ids[0] : undefined;
      const found = this.principalKeysOfIdentity(id);
      found.forEach((k) => keys.add(k));
      const idKey = valueKey(id);
      if (idKey) keys.add(`id:${idKey}`);
      linked = found.length > 0;
    }
    return { keys, linked };
  }

  /**
   * What a principal id names, when the stack tells: the control plane or kubelet of a
   * cluster, a user-assigned identity, another managed identity, or undefined.
   */
  public principalOwner(principalId: unknown): { kind: "control-plane" | "kubelet" | "user-assigned" | "managed"; element: ElementView } | undefined {
    const ref = parseRef(principalId);
    if (!ref) return undefined;
    const el = this.get(ref.address);
    if (!el) return undefined;
    if (el.type === "azurerm_kubernetes_cluster") {
      if (ref.attribute === "identity[0].principal_id") return { kind: "control-plane", element: el };
      if (ref.attribute === "kubelet_identity[0].object_id") return { kind: "kubelet", element: el };
      if (/identity(\[0\])?\.object_id$/.test(ref.attribute)) return { kind: "managed", element: el };
      return undefined;
    }
    if (el.type === "azurerm_user_assigned_identity" && ref.attribute === "principal_id") return { kind: "user-assigned", element: el };
    // Any resource's system-assigned identity.
    if (ref.attribute === "identity[0].principal_id") return { kind: "managed", element: el };
    return undefined;
  }

  /** The built-in role of a role assignment or definition lookup, by name or id. */
  public roleOf(config: Config): BuiltInRole | undefined {
    const name = literal(config.role_definition_name);
    if (name) return findRole(name);
    const id = config.role_definition_id;
    const lit = literal(id);
    if (lit) return findRole(lit);
    const lookup = this.target(id);
    if (lookup && lookup.type === "azurerm_role_definition") {
      const n = literal(lookup.config.name);
      if (n) return findRole(n);
      const rid = literal(lookup.config.role_definition_id);
      if (rid) return findRole(rid);
    }
    return undefined;
  }
}

function fromJson(stack: TerraformStack, node: TerraformResource | TerraformDataSource, kind: "resource" | "data"): ElementView[] {
  const json = resolve(stack, node.toTerraform()) as Record<string, Record<string, Record<string, Config>> | undefined>;
  const blocks = json[kind];
  if (!blocks) return []; // a moved resource
  return Object.entries(blocks).flatMap(([type, byName]) => Object.entries(byName).map(([name, config]) => ({
    kind,
    type,
    address: kind === "data" ? `data.${type}.${name}` : `${type}.${name}`,
    path: node.node.path,
    construct: node,
    config,
  })));
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What cdktf's own synth does to an element's JSON: every token to its `${...}` expression. */
function resolve(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}
