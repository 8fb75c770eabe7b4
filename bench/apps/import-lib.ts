// Loads the library's entry point and nothing else, as `import ... from "cdktf-aks-identity"` does.
import "../../lib";
