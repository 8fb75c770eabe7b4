// A bare process: what node (or node with the tsx loader) costs before any import.
export {};
