import { AksIdentityError } from "../errors";
import { Token } from "cdktf";
import { isLiteral, NAME_RULES, validateName } from "../private/validate";

/** `az aks create`'s defaults for the first node pool. */
export const DEFAULT_NODE_POOL = Object.freeze({ name: "nodepool1", vmSize: "Standard_DS2_v2", nodeCount: 3 });

export interface NodePoolProps {
  /** @default "nodepool1" for the default pool */
  readonly name?: string;
  /** @default "Standard_DS2_v2" */
  readonly vmSize?: string;
  /** @default 3 */
  readonly nodeCount?: number;
}

/** A pool with `az aks create`'s defaults filled in. */
export type ResolvedNodePool = Required<NodePoolProps>;

/** The default pool and the further pools, validated, with defaults applied and names unique. */
export function resolveNodePools(path: string, defaultPool: NodePoolProps | undefined, additional: NodePoolProps[] | undefined): ResolvedNodePool[] {
  const pool = { ...DEFAULT_NODE_POOL, ...defaultPool };
  validateNodePool(path, "defaultNodePool", pool);
  const extra = (additional ?? []).map((p, i) => {
    validateNodePool(path, `additionalNodePools[${i}]`, p);
    return { ...DEFAULT_NODE_POOL, ...p, name: p.name! };
  });
  const pools = [pool, ...extra];
  const names = pools.map((p) => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    throw new AksIdentityError({
      path,
      prop: "additionalNodePools",
      received: duplicate,
      problem: "Node pool names must be unique in a cluster.",
      fix: "give each pool its own name.",
    });
  }
  return pools;
}

function validateNodePool(path: string, prop: string, pool: NodePoolProps): void {
  validateName(path, `${prop}.name`, pool.name, NAME_RULES.nodePool);
  if (pool.nodeCount !== undefined && !Token.isUnresolved(pool.nodeCount) && (!Number.isInteger(pool.nodeCount) || pool.nodeCount < 1 || pool.nodeCount > 1000)) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.nodeCount`,
      received: pool.nodeCount,
      problem: "Allowed: a whole number from 1 to 1000.",
      fix: "set a node count in range.",
    });
  }
  if (pool.vmSize !== undefined && isLiteral(pool.vmSize) && !/^Standard_[A-Za-z0-9_]+$/.test(pool.vmSize)) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.vmSize`,
      received: pool.vmSize,
      problem: "Expected an Azure VM size like \"Standard_DS2_v2\".",
      fix: "use a size from `az vm list-sizes -l <region>`.",
    });
  }
}
