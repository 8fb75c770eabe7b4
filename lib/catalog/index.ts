export * from "./identity-kinds";
export * from "./row";
export * from "./control-plane";
export * from "./control-plane-network";
export * from "./least-privilege";
export * from "./kubelet";
export * from "./other-rows";
