import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** What cdktf's own synth does to a value: every token to its `${...}` expression. */
export function resolveTokens(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
}
