import { TerraformDataSource, TerraformLocal, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { IConstruct } from "constructs";
import { resolveTokens } from "../private/resolve";
import { parseResourceId } from "../private/resource-id";
import { BuiltInRole, findRole } from "../roles";
import { block, blocks } from "../terraform-json/blocks";
import { dependsOnAddresses, readElements, TerraformElement } from "../terraform-json/elements";
import { expressionKey, literal, parseReference, referencedAddresses, referenceKey } from "../terraform-json/expressions";
import { parseTemplateString } from "../terraform-json/expression-ast";
import { fixedAtSynth, Shape, shapeOf } from "../terraform-json/expression-value";

/* eslint-disable @typescript-eslint/no-explicit-any */
const PREFIX = /^\$\{join\("\/", slice\(split\("\/", ([A-Za-z_][\w.\-[\]]*)\), 0, (\d+)\)\)\}$/;

/**
 * A comparable key for a scope: {@link expressionKey}, or for the prefix the library cuts from
 * a reference (`join("/", slice(split("/", x.id), 0, 9))`, a subnet's VNet) `prefix9:${x.id}`.
 */
export function scopeKeyOf(value: unknown): string | undefined {
  const key = expressionKey(value);
  if (key !== undefined || typeof value !== "string") return key;
  const m = PREFIX.exec(value);
  return m ? `prefix${m[2]}:${expressionKey(`\${${m[1]}}`)}` : undefined;
}

/** True when the granted actions (with `*` wildcards, case-insensitive as Azure compares) cover every needed one. */
function allows(granted: readonly string[], needed: readonly string[]): boolean {
  const patterns = granted.map((g) => new RegExp(`^${g.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`, "i"));
  return needed.every((n) => patterns.some((p) => p.test(n)));
}

/** A synthesized, resolved Terraform block: snake_case keys, references as `${...}` strings. */
export type Config = Record<string, any>;

/** One resource, data source or provider of a stack, as Terraform will see it, with the construct that made it. */
export interface ElementView extends TerraformElement {
  /** The construct's path: where a finding's annotation goes. */
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
  /** {@link expressionKey} of the scope and of the principal id, computed once. */
  readonly scopeKey?: string;
  readonly principalKey?: string;
}

/**
 * A live stack's resources, data sources and providers, each resolved to the Terraform JSON
 * cdktf will write and kept with its construct, so a rule's finding is annotated on the
 * construct that made the element. Built once per stack for every guardrail rule.
 */
export class ConstructStackModel {
  /** Resolves every element of a stack, escape-hatch overrides included. */
  public static of(stack: TerraformStack): ConstructStackModel {
    const elements: ElementView[] = [];
    for (const node of stack.node.findAll()) {
      if (TerraformResource.isTerraformResource(node) || TerraformDataSource.isTerraformDataSource(node) || TerraformProvider.isTerraformProvider(node)) {
        // A moved resource's JSON has no "resource" section: it yields nothing.
        const json = resolveTokens(stack, node.toTerraform()) as Config;
        for (const element of readElements(json, node.node.path, (message) => new Error(message))) {
          elements.push({ ...element, path: node.node.path, construct: node, config: element.config as Config });
        }
      }
    }
    return new ConstructStackModel(elements);
  }

  private readonly byAddress: Map<string, ElementView>;
  // Rules ask the same questions for every cluster: answered once, so checking a stack stays
  // linear in its size (hundreds of clusters, thousands of grants).
  private readonly byType = new Map<string, ElementView[]>();
  private assignments?: RoleAssignmentView[];
  private assignmentsByRoleAndScope?: Map<string, RoleAssignmentView[]>;
  private readonly controlPlanes = new Map<ElementView, { keys: Set<string>; linked: boolean }>();

  constructor(public readonly elements: readonly ElementView[]) {
    this.byAddress = new Map(elements.map((e) => [e.address, e]));
    for (const e of elements) {
      if (e.kind !== "resource") continue;
      const list = this.byType.get(e.type) ?? [];
      list.push(e);
      this.byType.set(e.type, list);
    }
  }

  public get(address: string): ElementView | undefined {
    return this.byAddress.get(address);
  }

  public resources(type: string): ElementView[] {
    return this.byType.get(type) ?? [];
  }

  public get clusters(): ElementView[] {
    return this.resources("azurerm_kubernetes_cluster");
  }

  public get roleAssignments(): RoleAssignmentView[] {
    this.assignments ??= this.resources("azurerm_role_assignment").map((element) => ({
      element,
      role: this.roleOf(element.config),
      scope: element.config.scope,
      principalId: element.config.principal_id,
      scopeKey: scopeKeyOf(element.config.scope),
      principalKey: expressionKey(element.config.principal_id),
    }));
    return this.assignments;
  }

  /**
   * The role assignments on a scope (by {@link scopeKeyOf}) whose custom role, an
   * azurerm_role_definition of this stack, allows every one of `actions` (wildcards honoured).
   */
  public customRoleAssignmentsOn(actions: readonly string[], scopeKey: string): RoleAssignmentView[] {
    return this.roleAssignments.filter((ra) => ra.scopeKey === scopeKey && ra.role === undefined && allows(this.customRoleActions(ra.element.config), actions));
  }

  /** The actions of the custom role a role assignment names by a reference to an azurerm_role_definition resource of this stack. */
  public customRoleActions(config: Config): string[] {
    const definition = this.target(config.role_definition_id);
    if (!definition || definition.type !== "azurerm_role_definition" || definition.kind !== "resource") return [];
    return blocks(definition.config.permissions).flatMap((p) => (Array.isArray(p.actions) ? p.actions : [])).filter((a): a is string => literal(a) !== undefined);
  }

  /** The role assignments of one built-in role on a scope, by the scope's {@link expressionKey}. */
  public roleAssignmentsOn(role: BuiltInRole, scopeKey: string): RoleAssignmentView[] {
    if (!this.assignmentsByRoleAndScope) {
      this.assignmentsByRoleAndScope = new Map();
      for (const ra of this.roleAssignments) {
        if (!ra.role || ra.scopeKey === undefined) continue;
        const key = `${ra.role.guid}|${ra.scopeKey}`;
        this.assignmentsByRoleAndScope.set(key, [...(this.assignmentsByRoleAndScope.get(key) ?? []), ra]);
      }
    }
    return this.assignmentsByRoleAndScope.get(`${role.guid}|${scopeKey}`) ?? [];
  }

  /** The element a pure reference points at. */
  public target(value: unknown): ElementView | undefined {
    const ref = parseReference(value);
    return ref ? this.get(ref.address) : undefined;
  }

  /** What an element waits for: its depends_on and every element its attributes reference. */
  public waitsFor(element: ElementView): Set<string> {
    const rest = { ...element.config };
    delete rest.depends_on;
    const addresses = referencedAddresses(rest);
    for (const address of dependsOnAddresses(element.config)) addresses.add(address);
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

  /** Keys (see {@link scopeKeyOf}) of the VNet that holds a subnet, as far as the stack tells. */
  public vnetKeysOf(subnetId: unknown): string[] {
    const keys: string[] = [];
    const lit = literal(subnetId);
    if (lit) {
      const i = lit.toLowerCase().lastIndexOf("/subnets/");
      if (i > 0) keys.push(lit.slice(0, i).toLowerCase());
    }
    const ref = expressionKey(subnetId);
    if (ref !== undefined && lit === undefined) keys.push(`prefix9:${ref}`);
    const subnet = this.target(subnetId);
    if (subnet) {
      const vnet = this.target(subnet.config.virtual_network_name);
      if (vnet) keys.push(referenceKey({ address: vnet.address, attribute: "id" }));
    }
    return keys;
  }

  /** Keys (see {@link scopeKeyOf}) of the resource group that holds a resource, as far as the stack tells. */
  public resourceGroupKeysOf(resourceId: unknown): string[] {
    const keys: string[] = [];
    const lit = literal(resourceId);
    if (lit) {
      const parsed = parseResourceId(lit);
      if (parsed?.resourceGroup) keys.push(lit.split("/").slice(0, 5).join("/").toLowerCase());
      return keys;
    }
    const ref = expressionKey(resourceId);
    if (ref !== undefined) keys.push(`prefix5:${ref}`);
    const resource = this.target(resourceId);
    const group = resource ? this.target(resource.config.resource_group_name) : undefined;
    if (group && group.type === "azurerm_resource_group") keys.push(referenceKey({ address: group.address, attribute: "id" }));
    return keys;
  }

  /**
   * Keys of the principal id of a user-assigned identity given by its resource id: the
   * identity resource's or lookup's `principal_id` when the stack has it.
   */
  public principalKeysOfIdentity(identityId: unknown): string[] {
    const ref = parseReference(identityId);
    if (ref && ref.attribute === "id") {
      const el = this.get(ref.address);
      if (el && el.type === "azurerm_user_assigned_identity") return [referenceKey({ address: el.address, attribute: "principal_id" })];
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
      .map((e) => referenceKey({ address: e.address, attribute: "principal_id" }));
  }

  /**
   * Keys of the principal ids that are this cluster's control-plane identity. `linked` is
   * false when the stack does not tell which principal that is (an identity outside it).
   */
  public controlPlanePrincipals(cluster: ElementView): { keys: Set<string>; linked: boolean } {
    const known = this.controlPlanes.get(cluster);
    if (known) return known;
    const keys = new Set([referenceKey({ address: cluster.address, attribute: "identity[0].principal_id" })]);
    let linked = true;
    if (this.identityType(cluster) === "UserAssigned") {
      const ids = block(cluster.config.identity)?.identity_ids;
      const id = Array.isArray(ids) ? ids[0] : undefined;
      const found = this.principalKeysOfIdentity(id);
      found.forEach((k) => keys.add(k));
      const idKey = expressionKey(id);
      if (idKey) keys.add(`id:${idKey}`);
      linked = found.length > 0;
    }
    this.controlPlanes.set(cluster, { keys, linked });
    return { keys, linked };
  }

  /**
   * What a principal id names, when the stack tells: the control plane or kubelet of a
   * cluster, a user-assigned identity, another managed identity, or undefined.
   */
  public principalOwner(principalId: unknown): { kind: "control-plane" | "kubelet" | "user-assigned" | "managed"; element: ElementView } | undefined {
    const ref = parseReference(principalId);
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

  private definitionsCache?: { locals: Map<string, unknown>; variables: Map<string, Config> };

  /**
   * The stack's locals (by name, resolved) and variables (name -> `{ default, sensitive, ... }`):
   * what a value check follows through `${local.x}` and `${var.x}`.
   */
  public definitions(): { locals: ReadonlyMap<string, unknown>; variables: ReadonlyMap<string, Config> } {
    if (this.definitionsCache) return this.definitionsCache;
    const locals = new Map<string, unknown>();
    const variables = new Map<string, Config>();
    const first = this.elements[0]?.construct;
    if (first) {
      const stack = TerraformStack.of(first);
      for (const node of stack.node.findAll()) {
        if (!(node instanceof TerraformLocal) && !(node instanceof TerraformVariable)) continue;
        const json = resolveTokens(stack, node.toTerraform()) as Config;
        for (const [name, value] of Object.entries((json.locals ?? {}) as Config)) locals.set(name, value);
        for (const [name, value] of Object.entries((json.variable ?? {}) as Config)) variables.set(name, (value ?? {}) as Config);
      }
    }
    this.definitionsCache = { locals, variables };
    return this.definitionsCache;
  }

  /** What `local.x` (or `var.x` with a default) is known to hold as a string, for scope checks. */
  public localShape(traversal: string, depth = 0): Shape | undefined {
    const value = this.definedValue(traversal);
    if (typeof value !== "string" || depth > 16) return undefined;
    return shapeOf(parseTemplateString(value), (t) => this.localShape(t, depth + 1));
  }

  /**
   * True when a value is fixed at synth, so cdk.tf.json holds it in plaintext: a literal, any
   * function of literals (`${lower("x")}`), a local built from them, or a variable's default.
   */
  public fixedAtSynth(value: unknown, depth = 0): boolean {
    if (typeof value !== "string") return false;
    if (depth > 16) return false;
    return fixedAtSynth(parseTemplateString(value), (t) => {
      const v = this.definedValue(t);
      return v !== undefined && (typeof v !== "string" ? true : this.fixedAtSynth(v, depth + 1));
    });
  }

  /** The variable behind `var.x` (its block), when the stack declares it. */
  public variableOf(traversal: string): Config | undefined {
    const m = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(traversal);
    return m ? this.definitions().variables.get(m[1]) : undefined;
  }

  /** `local.x` -> its value; `var.x` -> its default; anything else -> undefined. */
  private definedValue(traversal: string): unknown {
    const local = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(traversal);
    if (local) return this.definitions().locals.get(local[1]);
    const variable = this.variableOf(traversal);
    return variable?.default ?? undefined;
  }
}

