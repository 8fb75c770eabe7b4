export * from "./identity-kinds";
export * from "./row";
export * from "./control-plane";
export * from "./kubelet";
export * from "./other-rows";
export * from "./key-vault-access-policies";
export * from "./kubernetes-access";
export * from "./disk-encryption-set";
