/** The service's pino logger (one logger per process, service name on every line). */
export const CATALOGUE_LOGGER = Symbol('CATALOGUE_LOGGER');
