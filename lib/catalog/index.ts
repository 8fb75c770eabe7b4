export * from "./identity-kinds";
export * from "./row";
export * from "./control-plane";
export * from "./kubelet";
export * from "./other-rows";
