// The floor: a bare node process that only loads cdktf and constructs, which every cdktf app pays.
import "cdktf";
import "constructs";
