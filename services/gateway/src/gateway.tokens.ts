export const GATEWAY_LOGGER = Symbol('kc:gateway-logger');
