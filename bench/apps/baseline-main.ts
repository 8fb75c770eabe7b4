// The baseline: the same example app, with the provider imported from its package root
// first, as most cdktf projects write `import { ... } from "@cdktf/provider-azurerm"`.
// An import in the entry file rather than `--require`: under tsx a preloaded root costs
// twice as much again (27 s and 930 MB against 13 s and 570 MB here), which users don't see.
// eslint-disable-next-line no-restricted-imports -- the root import is what this file measures
import "@cdktf/provider-azurerm";
import "../../main";
