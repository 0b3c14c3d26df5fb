export const RPC_CONTRACT = Symbol('kc:rpc-contract');
